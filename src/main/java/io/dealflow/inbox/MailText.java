package io.dealflow.inbox;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what the inbox needs of a message (headers, the start of its text, a delivery report) while its folder is
 * open; the rest of the body is never fetched beyond {@value #READ_LIMIT} bytes of one part.
 */
final class MailText {

    static final int SNIPPET_LENGTH = 200;
    private static final int READ_LIMIT = 8192;
    private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]+>");
    /** RFC 3834 and the usual vacation responders; the subject prefixes of Outlook, Exchange, Gmail and others. */
    private static final Set<String> AUTOMATIC_PRECEDENCE = Set.of("auto_reply", "bulk", "junk");
    private static final Pattern AUTOMATIC_SUBJECT = Pattern.compile(
            "^\\s*(out of (the )?office|automatic reply|auto(matic)?[- ]?reply|autoreply|auto:|abwesenheitsnotiz"
                    + "|automatische antwort|r[ée]ponse automatique|absence du bureau|fuera de la oficina"
                    + "|respuesta autom[aá]tica|risposta automatica|afwezig|on vacation|away from)",
            Pattern.CASE_INSENSITIVE);
    /** Where a reply's own text ends and the quoted history begins. */
    private static final Pattern QUOTE_START = Pattern.compile(
            "^(>|-{2,}\\s*(original message|urspr[üu]ngliche nachricht)|_{5,}|(on|am|le|el) .{0,200}"
                    + "(wrote|schrieb|a écrit|escribió):\\s*$|(from|von|de):\\s.+)",
            Pattern.CASE_INSENSITIVE);

    private MailText() {
    }

    static IncomingMail read(long uid, MimeMessage message, String fallbackId) throws MessagingException, IOException {
        String messageId = message.getMessageID();
        List<String> answered = new ArrayList<>(ids(message.getHeader("In-Reply-To", " ")));
        List<String> references = ids(message.getHeader("References", " "));
        for (int i = references.size() - 1; i >= 0; i--) {
            if (!answered.contains(references.get(i))) {
                answered.add(references.get(i));
            }
        }
        Instant receivedAt = message.getReceivedDate() != null ? message.getReceivedDate().toInstant()
                : message.getSentDate() != null ? message.getSentDate().toInstant() : Instant.now();
        String subject = message.getSubject();
        IncomingMail.DeliveryReport report = deliveryReport(message);
        return new IncomingMail(uid, messageId == null || messageId.isBlank() ? fallbackId : messageId.strip(),
                answered, sender(message), subject == null ? "" : subject, receivedAt,
                report == null ? snippet(message) : "", automatic(message, subject), report);
    }

    private static List<String> ids(String header) {
        List<String> ids = new ArrayList<>();
        if (header != null) {
            Matcher id = MESSAGE_ID.matcher(header);
            while (id.find()) {
                ids.add(id.group());
            }
        }
        return ids;
    }

    private static String sender(MimeMessage message) throws MessagingException {
        Address[] from = message.getFrom();
        if (from == null || from.length == 0 || !(from[0] instanceof InternetAddress address)) {
            return null;
        }
        return address.getAddress() == null ? null : address.getAddress().trim().toLowerCase(Locale.ROOT);
    }

    /** RFC 3834 Auto-Submitted other than "no", the vacation responders' own headers, or an out-of-office subject. */
    static boolean automatic(MimeMessage message, String subject) throws MessagingException {
        String autoSubmitted = message.getHeader("Auto-Submitted", ",");
        if (autoSubmitted != null && !autoSubmitted.trim().toLowerCase(Locale.ROOT).startsWith("no")) {
            return true;
        }
        if (message.getHeader("X-Autoreply") != null || message.getHeader("X-Autorespond") != null) {
            return true;
        }
        String precedence = message.getHeader("Precedence", ",");
        if (precedence != null && AUTOMATIC_PRECEDENCE.contains(precedence.trim().toLowerCase(Locale.ROOT))) {
            return true;
        }
        return subject != null && AUTOMATIC_SUBJECT.matcher(subject).find();
    }

    /** The report of a multipart/report; report-type=delivery-status, or null for any other message. */
    private static IncomingMail.DeliveryReport deliveryReport(MimeMessage message) throws MessagingException, IOException {
        ContentType type = new ContentType(message.getContentType());
        if (!type.match("multipart/report") || !"delivery-status".equalsIgnoreCase(type.getParameter("report-type"))
                || !(message.getContent() instanceof Multipart report)) {
            return null;
        }
        for (int i = 0; i < report.getCount(); i++) {
            BodyPart part = report.getBodyPart(i);
            if (part.isMimeType("message/delivery-status")) {
                return fields(text(part.getInputStream(), StandardCharsets.US_ASCII));
            }
        }
        return null;
    }

    /** The per-message fields, then the first recipient's: the first failed recipient wins if there are several. */
    private static IncomingMail.DeliveryReport fields(String status) {
        IncomingMail.DeliveryReport first = null;
        for (String block : status.replace("\r\n", "\n").split("\n\\s*\n")) {
            String recipient = field(block, "Final-Recipient");
            if (recipient == null) {
                continue;
            }
            int semicolon = recipient.indexOf(';');
            var found = new IncomingMail.DeliveryReport(
                    (semicolon < 0 ? recipient : recipient.substring(semicolon + 1)).trim().toLowerCase(Locale.ROOT),
                    field(block, "Action"), statusCode(field(block, "Status")), field(block, "Diagnostic-Code"));
            if (found.permanent()) {
                return found;
            }
            if (first == null) {
                first = found;
            }
        }
        return first;
    }

    private static String statusCode(String status) {
        if (status == null) {
            return null;
        }
        Matcher code = Pattern.compile("[245]\\.\\d{1,3}\\.\\d{1,3}").matcher(status);
        return code.find() ? code.group() : status.trim();
    }

    private static String field(String block, String name) {
        Matcher field = Pattern.compile("(?im)^" + name + ":\\s*(.*(?:\\n[ \\t].*)*)").matcher(block);
        return field.find() ? field.group(1).replaceAll("\\s+", " ").trim() : null;
    }

    /** The start of the first plain text part (or of the HTML, without its tags), without the quoted history. */
    static String snippet(Part message) throws MessagingException, IOException {
        Part text = firstPart(message, "text/plain");
        boolean html = false;
        if (text == null) {
            text = firstPart(message, "text/html");
            html = true;
        }
        if (text == null) {
            return "";
        }
        String content = text(text.getInputStream(), charset(text));
        if (html) {
            content = content.replaceAll("(?is)<(script|style|blockquote).*?</\\1>", " ")
                    .replaceAll("(?i)<br\\s*/?>|</p>|</div>", "\n").replaceAll("<[^>]*>", " ")
                    .replace("&nbsp;", " ").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">");
        }
        StringBuilder own = new StringBuilder();
        for (String line : content.replace("\r\n", "\n").split("\n")) {
            if (QUOTE_START.matcher(line.strip()).find()) {
                break;
            }
            own.append(line.strip()).append(' ');
        }
        String snippet = own.toString().replaceAll("\\s+", " ").strip();
        return snippet.length() <= SNIPPET_LENGTH ? snippet : snippet.substring(0, SNIPPET_LENGTH - 1) + "…";
    }

    private static Part firstPart(Part part, String type) throws MessagingException, IOException {
        if (part.isMimeType(type) && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            return part;
        }
        if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                Part found = firstPart(multipart.getBodyPart(i), type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static Charset charset(Part part) {
        try {
            String name = new ContentType(part.getContentType()).getParameter("charset");
            return name == null ? StandardCharsets.UTF_8 : Charset.forName(MimeUtility.javaCharset(name));
        } catch (MessagingException | RuntimeException e) {
            return StandardCharsets.UTF_8;
        }
    }

    private static String text(InputStream in, Charset charset) throws IOException {
        try (in) {
            return new String(in.readNBytes(READ_LIMIT), charset);
        }
    }
}
