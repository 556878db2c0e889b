package io.dealflow.followup;

import io.dealflow.settings.DealflowProperties;
import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Sends composed follow-ups, exactly once across nodes: for each email, (1) claim its outbox row in a committed
 * step of its own, (2) talk SMTP with no transaction open (a hung mail server holds this thread, never a database
 * connection or lock), (3) record SENT or FAILED in another committed step. A row another node has claimed and
 * is still within its claim is left to that node.
 *
 * <p>The one window left is between the SMTP server accepting a message and the commit that records it SENT (a
 * crash exactly then): once the claim has run out, that one email to that one recipient may go out again.
 */
@Component
public class FollowUpSender {

    static final String NO_SMTP_MESSAGE = "No SMTP server configured (spring.mail.host); follow-up emails are kept in"
            + " the follow_up table with status NOT_SENT_NO_SMTP";
    private static final Logger log = LoggerFactory.getLogger(FollowUpSender.class);
    private static final String CALENDAR_REQUEST = "text/calendar; method=REQUEST; charset=UTF-8";

    private final FollowUpOutbox outbox;
    private final JavaMailSender mailSender;
    private final String from;
    private final String worker;
    private final Duration claimFor;
    private final AtomicBoolean noSmtpLogged = new AtomicBoolean();

    /** Without a JavaMailSender (no spring.mail.host), emails are kept in the outbox, not sent. */
    public FollowUpSender(FollowUpOutbox outbox, ObjectProvider<JavaMailSender> mailSender,
                          DealflowProperties settings, WorkerId worker, MailWorkerProperties workerSettings) {
        this.outbox = outbox;
        this.mailSender = mailSender.getIfAvailable();
        this.from = settings.mail().from();
        this.worker = worker.value();
        this.claimFor = workerSettings.lockDuration();
        // Spring Boot creates a JavaMailSender only when spring.mail.host is set: say so at startup, once
        if (this.mailSender == null) {
            noSmtp();
        }
    }

    boolean canSend() {
        return mailSender != null;
    }

    /** {@link #deliver(List, Runnable)} with nothing to do between emails. */
    public int deliver(List<Outgoing> emails) {
        return deliver(emails, () -> { });
    }

    /**
     * Sends each email that is not sent yet; one that fails does not stop the others. {@code beforeEach} runs
     * before each claim (the worker extends its task's lock there). Answers how many went out.
     *
     * @throws FollowUpFailedException when any email failed (after all were tried); its message names no person
     * @throws FollowUpClaimedElsewhereException when none failed but another node is sending some of them
     * @throws HeldBackException when the others went but some may not go yet (send window, mailbox limits)
     */
    public int deliver(List<Outgoing> emails, Runnable beforeEach) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("Follow-ups are sent outside any transaction: an SMTP conversation must"
                    + " not hold a database connection");
        }
        int sent = 0;
        List<String> failures = new ArrayList<>();
        List<String> elsewhere = new ArrayList<>();
        HeldBackException heldBack = null;
        for (Outgoing email : emails) {
            if (mailSender == null) {
                noSmtp();
                outbox.keptWithoutSmtp(email.rowId(), email.mail(), email.unsubscribeUrl());
                continue;
            }
            beforeEach.run();
            FollowUpOutbox.Claim claim;
            try {
                claim = outbox.claim(email.rowId(), worker, ClockUtil.now().toInstant(), claimFor);
            } catch (HeldBackException e) {
                heldBack = HeldBackException.sooner(heldBack, e);
                continue;
            }
            switch (claim) {
                case CLAIMED -> {
                    String failure = send(email);
                    if (failure == null) {
                        sent++;
                    } else {
                        failures.add(failure);
                    }
                }
                case CLAIMED_ELSEWHERE -> elsewhere.add(email.kind() + " (follow-up " + email.rowId() + ")");
                case DONE -> { }
            }
        }
        if (!failures.isEmpty()) {
            throw new FollowUpFailedException(String.join("; ", failures));
        }
        if (!elsewhere.isEmpty()) {
            throw new FollowUpClaimedElsewhereException(String.join(", ", elsewhere)
                    + " being sent by another node; looked at again later");
        }
        if (heldBack != null) {
            throw heldBack;
        }
        return sent;
    }

    /** One SMTP conversation, then its outcome recorded; answers the failure's description, null when sent. */
    private String send(Outgoing email) {
        try {
            mailSender.send(message(email));
        } catch (MailException | MessagingException e) {
            if (email.kept()) {
                outbox.stillKept(email.rowId(), worker, e.getMessage());
            } else {
                outbox.failed(email.rowId(), worker, e.getMessage());
            }
            // the engine keeps the task's error message (Cockpit shows it, history keeps it): it names the
            // follow-up row, never the person; the full error is in the log and on the row
            log.warn("Follow-up {} ({} about {}) failed", email.rowId(), email.kind(), email.about(), e);
            return email.kind() + " (follow-up " + email.rowId() + ") about " + email.about() + " failed: "
                    + FollowUpFailedException.withoutAddresses(e.getMessage());
        }
        outbox.sent(email.rowId(), worker, ClockUtil.now().toInstant());
        return null;
    }

    private void noSmtp() {
        if (noSmtpLogged.compareAndSet(false, true)) {
            log.warn(NO_SMTP_MESSAGE);
        }
    }

    private MimeMessage message(Outgoing email) throws MessagingException {
        ComposedMail mail = email.mail();
        MimeMessage message = new IdentifiedMessage(email.messageId());
        if (email.unsubscribeUrl() != null) {
            message.setHeader("List-Unsubscribe", "<" + email.unsubscribeUrl() + ">");
            // one-click unsubscribe from the mail client (RFC 8058) needs an https URI; with an http one the header
            // above still leads to the link's page (RFC 2369), where the person confirms
            if (email.unsubscribeUrl().startsWith("https://")) {
                message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            }
        }
        MimeMessageHelper helper = new MimeMessageHelper(message, false, StandardCharsets.UTF_8.name());
        helper.setFrom(from);
        if (!email.replyTo().isEmpty()) {
            List<InternetAddress> replyTo = new ArrayList<>();
            for (String address : email.replyTo()) {
                replyTo.add(new InternetAddress(address));
            }
            message.setReplyTo(replyTo.toArray(InternetAddress[]::new));
        }
        helper.setTo(email.to());
        helper.setSubject(mail.subject());
        message.setContent(body(mail));
        return message;
    }

    /**
     * multipart/mixed around a multipart/alternative of the text, the HTML and, for an invitation, the calendar
     * request (RFC 6047: where calendar clients look for it to show the invitation with its buttons); the invitation
     * is attached as invite.ics as well, for clients that only offer attachments.
     */
    private static MimeMultipart body(ComposedMail mail) throws MessagingException {
        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(mail.text(), StandardCharsets.UTF_8.name());
        alternative.addBodyPart(text);
        MimeBodyPart html = new MimeBodyPart();
        html.setText(mail.html(), StandardCharsets.UTF_8.name(), "html");
        alternative.addBodyPart(html);
        MimeMultipart mixed = new MimeMultipart("mixed");
        MimeBodyPart content = new MimeBodyPart();
        content.setContent(alternative);
        mixed.addBodyPart(content);
        if (mail.calendarInvite() != null) {
            byte[] ics = mail.calendarInvite().getBytes(StandardCharsets.UTF_8);
            MimeBodyPart request = new MimeBodyPart();
            request.setDataHandler(new DataHandler(new ByteArrayDataSource(ics, CALENDAR_REQUEST)));
            alternative.addBodyPart(request);
            MimeBodyPart attachment = new MimeBodyPart();
            attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(ics,
                    "application/ics; name=\"invite.ics\"")));
            attachment.setFileName("invite.ics");
            attachment.setDisposition(Part.ATTACHMENT);
            mixed.addBodyPart(attachment);
        }
        return mixed;
    }

    /** Keeps the Message-ID recorded on the row: Jakarta Mail would otherwise make up its own when sending. */
    private static final class IdentifiedMessage extends MimeMessage {

        private final String messageId;

        IdentifiedMessage(String messageId) {
            super(Session.getInstance(new Properties()));
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            if (messageId == null) {
                super.updateMessageID();
            } else {
                setHeader("Message-ID", messageId);
            }
        }
    }
}
