package io.dealflow.support;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.util.List;

/**
 * The real SMTP server the app sends to in tests (GreenMail on the port application-test.yaml names), emptied before
 * each test: {@code @RegisterExtension static MailServer mail = new MailServer();}.
 */
public class MailServer extends GreenMailExtension {

    public MailServer() {
        super(ServerSetupTest.SMTP);
    }

    /** What it received for {@code recipient}, in order. */
    public List<MimeMessage> receivedBy(String recipient) {
        return Mailbox.receivedBy(this, recipient);
    }
}
