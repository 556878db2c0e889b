package io.dealflow.support;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
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

    /** The part and all parts nested in it, depth first: the text, the HTML, the calendar invite, ... */
    public static List<Part> parts(Part part) throws Exception {
        List<Part> all = new ArrayList<>();
        all.add(part);
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                all.addAll(parts(multipart.getBodyPart(i)));
            }
        }
        return all;
    }

    public static String subject(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
