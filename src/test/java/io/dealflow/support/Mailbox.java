package io.dealflow.support;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;

/** What the test SMTP server (GreenMail) received, by recipient. */
public final class Mailbox {

    private Mailbox() {
    }

    public static List<MimeMessage> receivedBy(GreenMailExtension smtp, String recipient) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(mail -> {
            try {
                return Arrays.stream(mail.getAllRecipients()).anyMatch(a -> a.toString().equalsIgnoreCase(recipient));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    public static String subject(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
