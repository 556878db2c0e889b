package io.dealflow.followup;

import io.dealflow.deal.ContactRole;
import io.dealflow.deal.Deal;
import io.dealflow.deal.DealContact;
import io.dealflow.deal.DealService;
import io.dealflow.deal.LostReason;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Composes, records and sends the follow-up emails of a deal. Called by the process's service tasks, which are
 * asynchronous: an exception here fails the job, the engine retries it on the model's retry cycle and raises an
 * incident when the retries run out.
 *
 * <p>Exactly once: every email has an idempotency key (deal, kind, contact and what it is about) stored with
 * a unique constraint. Before sending, the row is found or created; a row already SENT is never sent again, so
 * a repeated or retried job does not send twice. The one window left is between the SMTP server accepting
 * the message and the commit that marks the row SENT (a crash or database failure exactly then): the retry
 * sends that one email again. The key narrows this to one email of one recipient, because each row is marked
 * SENT in its own transaction right after its message was accepted, not at the end of the job.
 */
@Service
public class FollowUpService {

    static final String NO_SMTP_MESSAGE = "No SMTP server configured (spring.mail.host); follow-up emails are kept in"
            + " the follow_up table with status NOT_SENT_NO_SMTP";
    private static final Logger log = LoggerFactory.getLogger(FollowUpService.class);
    private static final DateTimeFormatter MEETING_TIME = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm 'UTC'",
            java.util.Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final DealService deals;
    private final FollowUpRepository followUps;
    private final FollowUpOutbox outbox;
    private final FollowUpComposer composer;
    private final IdentityService identities;
    private final JavaMailSender mailSender;
    private final String from;
    private final AtomicBoolean noSmtpLogged = new AtomicBoolean();

    @Autowired
    public FollowUpService(DealService deals, FollowUpRepository followUps, FollowUpOutbox outbox,
                           FollowUpComposer composer, IdentityService identities,
                           ObjectProvider<JavaMailSender> mailSender,
                           @Value("${dealflow.mail.from:dealflow@example.com}") String from) {
        this(deals, followUps, outbox, composer, identities, mailSender.getIfAvailable(), from);
        // Spring Boot creates a JavaMailSender only when spring.mail.host is set: say so at startup, once
        if (this.mailSender == null && noSmtpLogged.compareAndSet(false, true)) {
            log.warn(NO_SMTP_MESSAGE);
        }
    }

    /** With {@code mailSender} null (no spring.mail.host), emails are composed and kept, not sent. */
    public FollowUpService(DealService deals, FollowUpRepository followUps, FollowUpOutbox outbox,
                           FollowUpComposer composer, IdentityService identities, JavaMailSender mailSender,
                           String from) {
        this.deals = deals;
        this.followUps = followUps;
        this.outbox = outbox;
        this.composer = composer;
        this.identities = identities;
        this.mailSender = mailSender;
        this.from = from;
    }

    /** A confirmation with a calendar invite to each contact of a deal opened with a meeting time. */
    @Transactional
    public void sendMeetingConfirmation(Long dealId) {
        Deal deal = deals.get(dealId);
        if (deal.getMeetingAt() == null) {
            return;
        }
        String organizer = ownerEmail(deal.getOwner());
        for (DealContact participant : deal.getContacts()) {
            var contact = participant.getContact();
            Map<String, Object> model = model(deal, participant);
            String invite = MeetingInvite.build(deal.getId(), deal.getMeetingAt(),
                    composer.compose(FollowUpKind.MEETING_CONFIRMATION, model, null).subject(), organizer,
                    contact.displayName(), contact.getEmail(), ClockUtil.now().toInstant());
            // a rescheduled meeting is a new confirmation: the meeting time is part of the key
            send(deal, participant, FollowUpKind.MEETING_CONFIRMATION, "meeting-" + deal.getMeetingAt().getEpochSecond(),
                    composer.compose(FollowUpKind.MEETING_CONFIRMATION, model, invite));
        }
    }

    /** A welcome to each contact of a won deal. */
    @Transactional
    public void sendWelcome(Long dealId) {
        Deal deal = deals.get(dealId);
        for (DealContact participant : deal.getContacts()) {
            send(deal, participant, FollowUpKind.WELCOME, "won",
                    composer.compose(FollowUpKind.WELCOME, model(deal, participant), null));
        }
    }

    /**
     * A short closing note to the decision makers of a lost deal; none when the deal was lost as NOT_A_FIT
     * (we decided it, and a "maybe later" would be misleading).
     */
    @Transactional
    public void sendClosing(Long dealId) {
        Deal deal = deals.get(dealId);
        if (deal.getLostReason() == LostReason.NOT_A_FIT) {
            return;
        }
        for (DealContact participant : deal.getContacts()) {
            if (participant.getRole() == ContactRole.DECISION_MAKER) {
                send(deal, participant, FollowUpKind.CLOSING, "lost",
                        composer.compose(FollowUpKind.CLOSING, model(deal, participant), null));
            }
        }
    }

    @Transactional(readOnly = true)
    public List<FollowUp> ofDeal(Long dealId) {
        return followUps.findByDealIdOrderByCreatedAtAscIdAsc(dealId);
    }

    private void send(Deal deal, DealContact participant, FollowUpKind kind, String occasion, ComposedMail mail) {
        var contact = participant.getContact();
        String key = deal.getId() + ":" + kind + ":" + contact.getId() + ":" + occasion;
        FollowUp row = outbox.attempt(new FollowUp(deal.getId(), contact.getId(), kind, contact.getEmail(),
                mail.subject(), key, ClockUtil.now().toInstant()));
        if (row.getStatus() == FollowUpStatus.SENT) {
            return;
        }
        if (mailSender == null) {
            if (noSmtpLogged.compareAndSet(false, true)) {
                log.warn(NO_SMTP_MESSAGE);
            }
            outbox.keptWithoutSmtp(row.getId());
            return;
        }
        try {
            mailSender.send(message(contact.getEmail(), ownerEmail(deal.getOwner()), mail));
        } catch (MailException | MessagingException e) {
            outbox.failed(row.getId(), e.getMessage());
            throw new FollowUpFailedException(kind + " to " + contact.getEmail() + " for deal "
                    + deal.getReference() + " failed: " + e.getMessage(), e);
        }
        outbox.sent(row.getId(), ClockUtil.now().toInstant());
    }

    private MimeMessage message(String to, String replyTo, ComposedMail mail) throws MessagingException {
        MimeMessage message = mailSender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
        helper.setFrom(from);
        if (replyTo != null) {
            helper.setReplyTo(replyTo);
        }
        helper.setTo(to);
        helper.setSubject(mail.subject());
        helper.setText(mail.text(), mail.html());
        if (mail.calendarInvite() != null) {
            helper.addAttachment("invite.ics",
                    new ByteArrayResource(mail.calendarInvite().getBytes(StandardCharsets.UTF_8)),
                    "text/calendar; method=REQUEST; charset=UTF-8");
        }
        return message;
    }

    private Map<String, Object> model(Deal deal, DealContact participant) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("firstName", participant.getContact().getFirstName() == null ? ""
                : participant.getContact().getFirstName());
        model.put("dealTitle", deal.getTitle());
        model.put("companyName", deal.getCompany().getName());
        model.put("owner", ownerName(deal.getOwner()));
        model.put("meetingAt", deal.getMeetingAt() == null ? "" : MEETING_TIME.format(deal.getMeetingAt()));
        return model;
    }

    private String ownerEmail(String owner) {
        User user = identities.createUserQuery().userId(owner).singleResult();
        return user == null ? null : user.getEmail();
    }

    private String ownerName(String owner) {
        User user = identities.createUserQuery().userId(owner).singleResult();
        if (user == null || user.getFirstName() == null) {
            return owner;
        }
        return (user.getFirstName() + " " + (user.getLastName() == null ? "" : user.getLastName())).strip();
    }

}
