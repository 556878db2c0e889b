package io.dealflow.followup;

import io.dealflow.access.Roles;
import io.dealflow.contact.ConsentConfirmation;
import io.dealflow.contact.Contact;
import io.dealflow.contact.ContactService;
import io.dealflow.deal.ContactRole;
import io.dealflow.deal.Deal;
import io.dealflow.deal.DealContact;
import io.dealflow.deal.DealService;
import io.dealflow.deal.LostReason;
import io.dealflow.stage.SalesModel;
import io.dealflow.stage.Stage;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    private final SalesModel salesModel;
    private final ContactService contacts;
    private final FollowUpRepository followUps;
    private final FollowUpOutbox outbox;
    private final FollowUpComposer composer;
    private final IdentityService identities;
    private final JavaMailSender mailSender;
    private final String from;
    private final String publicUrl;
    private final AtomicBoolean noSmtpLogged = new AtomicBoolean();

    @Autowired
    public FollowUpService(DealService deals, SalesModel salesModel, ContactService contacts,
                           FollowUpRepository followUps, FollowUpOutbox outbox, FollowUpComposer composer,
                           IdentityService identities, ObjectProvider<JavaMailSender> mailSender,
                           @Value("${dealflow.mail.from:dealflow@example.com}") String from,
                           @Value("${dealflow.public-url:http://localhost:8080}") String publicUrl) {
        this(deals, salesModel, contacts, followUps, outbox, composer, identities, mailSender.getIfAvailable(), from,
                publicUrl);
        // Spring Boot creates a JavaMailSender only when spring.mail.host is set: say so at startup, once
        if (this.mailSender == null && noSmtpLogged.compareAndSet(false, true)) {
            log.warn(NO_SMTP_MESSAGE);
        }
    }

    /** With {@code mailSender} null (no spring.mail.host), emails are composed and kept, not sent. */
    public FollowUpService(DealService deals, SalesModel salesModel, ContactService contacts,
                           FollowUpRepository followUps, FollowUpOutbox outbox, FollowUpComposer composer,
                           IdentityService identities, JavaMailSender mailSender, String from, String publicUrl) {
        this.deals = deals;
        this.salesModel = salesModel;
        this.contacts = contacts;
        this.followUps = followUps;
        this.outbox = outbox;
        this.composer = composer;
        this.identities = identities;
        this.mailSender = mailSender;
        this.from = from;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
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
            Map<String, Object> model = model(deal, Recipient.of(participant));
            String invite = MeetingInvite.build(deal.getId(), deal.getMeetingAt(),
                    composer.compose(FollowUpKind.MEETING_CONFIRMATION, model, null).subject(), organizer,
                    contact.displayName(), contact.getEmail(), ClockUtil.now().toInstant());
            // a rescheduled meeting is a new confirmation: the meeting time is part of the key
            send(deal, Recipient.of(participant), FollowUpKind.MEETING_CONFIRMATION,
                    "meeting-" + deal.getMeetingAt().getEpochSecond(), model, invite);
        }
    }

    /** A welcome to each contact of a won deal. */
    @Transactional
    public void sendWelcome(Long dealId) {
        Deal deal = deals.get(dealId);
        for (DealContact participant : deal.getContacts()) {
            send(deal, Recipient.of(participant), FollowUpKind.WELCOME, "won");
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
                send(deal, Recipient.of(participant), FollowUpKind.CLOSING, "lost");
            }
        }
    }

    /**
     * A follow-up about the deal's current stage to its decision makers (to every contact when none is marked
     * as one), once per stage visit. Marketing: only to contacts with consent.
     */
    @Transactional
    public void sendStageFollowUp(Long dealId, FollowUpKind kind) {
        Deal deal = deals.get(dealId);
        List<DealContact> decisionMakers = deal.getContacts().stream()
                .filter(participant -> participant.getRole() == ContactRole.DECISION_MAKER).toList();
        for (DealContact participant : decisionMakers.isEmpty() ? deal.getContacts() : decisionMakers) {
            send(deal, Recipient.of(participant), kind, stageVisit(deal));
        }
    }

    /**
     * A reminder to the deal's owner about its current stage, once per stage visit; a team deal (no owner) is the
     * whole sales team's to take, so each of them is reminded.
     */
    @Transactional
    public void remindOwner(Long dealId, FollowUpKind kind) {
        Deal deal = deals.get(dealId);
        if (deal.getOwner() == null) {
            membersWithEmail(Roles.SALES, kind, deal.getReference())
                    .forEach(rep -> send(deal, rep, kind, stageVisit(deal)));
            return;
        }
        ownerRecipient(deal).ifPresent(owner -> send(deal, owner, kind, stageVisit(deal)));
    }

    /** The management group told about a deal stuck in its stage, each manager once per stage visit. */
    @Transactional
    public void escalate(Long dealId, FollowUpKind kind, String group) {
        Deal deal = deals.get(dealId);
        for (Recipient manager : membersWithEmail(group, kind, deal.getReference())) {
            send(deal, manager, kind, stageVisit(deal));
        }
    }

    /**
     * A marketing email to a lead (e.g. a nurture email), once per occasion; only with consent. The lead's
     * process names the occasion (its nurturing round), so a lead that comes back to nurturing is written to again.
     */
    @Transactional
    public void sendToLead(Long leadId, Long contactId, FollowUpKind kind, String occasion) {
        var contact = contacts.get(contactId);
        Recipient recipient = Recipient.of(contact);
        send(Topic.lead(leadId), recipient, kind, occasion, leadModel(contact, recipient), null);
    }

    /**
     * Double opt-in: the link that grants marketing consent to a person who asked for it on the public form.
     * Not a marketing email: it goes to a person without consent, because they asked for it; once per request.
     */
    @Transactional
    public void sendConsentConfirmation(Long leadId, ConsentConfirmation confirmation) {
        if (confirmation.getConfirmedAt() != null) {
            return;
        }
        var contact = contacts.get(confirmation.getContactId());
        Recipient recipient = Recipient.of(contact);
        Map<String, Object> model = leadModel(contact, recipient);
        model.put("confirmUrl", publicUrl + "/lead-form/confirm/" + confirmation.getToken());
        model.put("consentText", confirmation.getConsentText());
        send(Topic.lead(leadId), recipient, FollowUpKind.CONSENT_CONFIRMATION, "consent-" + confirmation.getId(),
                model, null);
    }

    /** An email about a lead to every member of a group (e.g. management about a missed hand-off). */
    @Transactional
    public void tellGroupAboutLead(Long leadId, Long contactId, FollowUpKind kind, String group, String occasion) {
        var contact = contacts.get(contactId);
        for (Recipient member : membersWithEmail(group, kind, "lead " + leadId)) {
            Map<String, Object> model = leadModel(contact, member);
            model.put("leadName", contact.displayName());
            send(Topic.lead(leadId), member, kind, occasion, model, null);
        }
    }

    /** The group's members who can be written to; the others are named in the log. */
    private List<Recipient> membersWithEmail(String group, FollowUpKind kind, String about) {
        List<Recipient> members = new ArrayList<>();
        for (User member : identities.createUserQuery().memberOfGroup(group).orderByUserId().asc().list()) {
            if (member.getEmail() == null || member.getEmail().isBlank()) {
                log.warn("{} about {} not sent to {}: the user has no email address", kind, about, member.getId());
            } else {
                members.add(Recipient.of(member));
            }
        }
        return members;
    }

    private Map<String, Object> leadModel(Contact contact, Recipient recipient) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("firstName", recipient.firstName() == null ? "" : recipient.firstName());
        model.put("recipientName", recipient.name());
        model.put("companyName", contact.getCompany() == null ? "" : contact.getCompany().getName());
        model.put("tasklistUrl", publicUrl + "/camunda/app/tasklist/default/");
        return model;
    }

    @Transactional(readOnly = true)
    public List<FollowUp> ofDeal(Long dealId) {
        return followUps.findByDealIdOrderByCreatedAtAscIdAsc(dealId);
    }

    /**
     * Sends the emails kept while no SMTP server was configured, as they were composed, if they are no older
     * than {@code maxAge}; a marketing email only if the contact still consents. Each is marked SENT on its
     * own, so a failure half-way leaves the rest to the next run.
     */
    public int sendKept(Duration maxAge) {
        if (mailSender == null) {
            return 0;
        }
        int sent = 0;
        Instant now = ClockUtil.now().toInstant();
        for (FollowUp row : followUps.findByStatusAndCreatedAtAfterOrderByIdAsc(FollowUpStatus.NOT_SENT_NO_SMTP,
                now.minus(maxAge))) {
            ComposedMail mail = row.keptMail();
            if (mail == null) {
                continue;
            }
            if (row.getKind().isMarketing() && !consents(row.getContactId())) {
                outbox.notSentWithoutConsent(row);
                continue;
            }
            try {
                String replyTo = row.getDealId() == null ? null : ownerEmail(deals.get(row.getDealId()).getOwner());
                mailSender.send(message(row.getRecipient(), replyTo, mail, row.getUnsubscribeUrl()));
            } catch (MailException | MessagingException e) {
                log.warn("Kept follow-up {} to {} not sent yet: {}", row.getId(), row.getRecipient(), e.getMessage());
                continue;
            }
            outbox.sent(row.getId(), ClockUtil.now().toInstant());
            sent++;
        }
        return sent;
    }

    /** One visit of a deal to its current stage: a deal that comes back to a stage is followed up again. */
    private static String stageVisit(Deal deal) {
        return deal.getStageKey() + "@" + deal.getStageEnteredAt().getEpochSecond();
    }

    private void send(Deal deal, Recipient recipient, FollowUpKind kind, String occasion) {
        send(deal, recipient, kind, occasion, model(deal, recipient), null);
    }

    private void send(Deal deal, Recipient recipient, FollowUpKind kind, String occasion, Map<String, Object> model,
                      String calendarInvite) {
        send(new Topic(deal.getId(), null, deal.getReference(), ownerEmail(deal.getOwner())), recipient, kind,
                occasion, model, calendarInvite);
    }

    private void send(Topic topic, Recipient recipient, FollowUpKind kind, String occasion, Map<String, Object> model,
                      String calendarInvite) {
        String key = topic.key() + ":" + kind + ":" + recipient.key() + ":" + occasion;
        String unsubscribeUrl = null;
        if (kind.isMarketing()) {
            if (!consents(recipient.contactId())) {
                outbox.notSentWithoutConsent(new FollowUp(topic.dealId(), topic.leadId(), recipient.contactId(), kind,
                        recipient.email(), composer.compose(kind, model, null).subject(), key,
                        ClockUtil.now().toInstant()));
                return;
            }
            unsubscribeUrl = publicUrl + "/api/unsubscribe/" + contacts.unsubscribeToken(recipient.contactId());
            model.put("unsubscribeUrl", unsubscribeUrl);
        }
        ComposedMail mail = composer.compose(kind, model, calendarInvite);
        FollowUp row = outbox.attempt(new FollowUp(topic.dealId(), topic.leadId(), recipient.contactId(), kind,
                recipient.email(), mail.subject(), key, ClockUtil.now().toInstant()));
        if (row.getStatus() == FollowUpStatus.SENT) {
            return;
        }
        if (mailSender == null) {
            if (noSmtpLogged.compareAndSet(false, true)) {
                log.warn(NO_SMTP_MESSAGE);
            }
            outbox.keptWithoutSmtp(row.getId(), mail, unsubscribeUrl);
            return;
        }
        try {
            mailSender.send(message(recipient.email(), topic.replyTo(), mail, unsubscribeUrl));
        } catch (MailException | MessagingException e) {
            outbox.failed(row.getId(), e.getMessage());
            // the engine keeps the job's message and stack trace (Cockpit shows them, history keeps them): they
            // name the follow-up row, never the person; the full error is in the log and on the row
            log.warn("Follow-up {} ({} about {}) failed", row.getId(), kind, topic.reference(), e);
            throw new FollowUpFailedException(kind + " (follow-up " + row.getId() + ") about " + topic.reference()
                    + " failed: " + FollowUpFailedException.withoutAddresses(e.getMessage()));
        }
        outbox.sent(row.getId(), ClockUtil.now().toInstant());
    }

    /** Marketing email goes only to a contact who consents (never to one of our users). */
    private boolean consents(Long contactId) {
        return contactId != null && contacts.get(contactId).mayReceiveMarketing();
    }

    /** What an email is about: a deal (replies go to its owner) or a lead. */
    private record Topic(Long dealId, Long leadId, String reference, String replyTo) {

        static Topic lead(Long leadId) {
            return new Topic(null, leadId, "lead " + leadId, null);
        }

        String key() {
            return dealId != null ? String.valueOf(dealId) : "lead-" + leadId;
        }
    }

    private MimeMessage message(String to, String replyTo, ComposedMail mail, String unsubscribeUrl)
            throws MessagingException {
        MimeMessage message = mailSender.createMimeMessage();
        if (unsubscribeUrl != null) {
            // one-click unsubscribe from the mail client (RFC 8058), next to the link in the text
            message.setHeader("List-Unsubscribe", "<" + unsubscribeUrl + ">");
            message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
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

    private Map<String, Object> model(Deal deal, Recipient recipient) {
        Map<String, Object> model = new LinkedHashMap<>();
        Instant now = ClockUtil.now().toInstant();
        model.put("firstName", recipient.firstName() == null ? "" : recipient.firstName());
        model.put("recipientName", recipient.name());
        model.put("dealTitle", deal.getTitle());
        model.put("reference", deal.getReference());
        model.put("companyName", deal.getCompany().getName());
        model.put("owner", ownerName(deal.getOwner()));
        model.put("meetingAt", deal.getMeetingAt() == null ? "" : MEETING_TIME.format(deal.getMeetingAt()));
        model.put("stageName", deal.getStageName() == null ? "" : deal.getStageName());
        model.put("valueKnown", deal.getMonthlyValue().isKnown());
        model.put("daysInStage", deal.getStageEnteredAt() == null ? 0
                : Duration.between(deal.getStageEnteredAt(), now).toDays());
        Optional<Stage> stage = salesModel.stagesIncluding(List.of(deal.getStageKey() == null ? "" : deal.getStageKey()))
                .stream().filter(candidate -> candidate.key().equals(deal.getStageKey())).findFirst();
        model.put("idleLimit", days(stage.map(Stage::idleLimit).orElse(null)));
        model.put("escalationLimit", days(stage.map(Stage::escalationLimit).orElse(null)));
        model.put("tasklistUrl", publicUrl + "/camunda/app/tasklist/default/");
        model.put("cockpitUrl", publicUrl + "/camunda/app/cockpit/default/#/process-instance/"
                + deal.getProcessInstanceId());
        return model;
    }

    private Optional<Recipient> ownerRecipient(Deal deal) {
        User owner = identities.createUserQuery().userId(deal.getOwner()).singleResult();
        if (owner == null || owner.getEmail() == null || owner.getEmail().isBlank()) {
            log.warn("Reminder about {} not sent: its owner {} has no email address", deal.getReference(),
                    deal.getOwner());
            return Optional.empty();
        }
        return Optional.of(Recipient.of(owner));
    }

    private static String days(Duration limit) {
        if (limit == null) {
            return "";
        }
        return limit.toSeconds() % 86_400 == 0 ? limit.toDays() + " days" : limit.toHours() + " hours";
    }

    private String ownerEmail(String owner) {
        if (owner == null) {
            return null;
        }
        User user = identities.createUserQuery().userId(owner).singleResult();
        return user == null ? null : user.getEmail();
    }

    private String ownerName(String owner) {
        if (owner == null) {
            return "the sales team";
        }
        User user = identities.createUserQuery().userId(owner).singleResult();
        if (user == null || user.getFirstName() == null) {
            return owner;
        }
        return (user.getFirstName() + " " + (user.getLastName() == null ? "" : user.getLastName())).strip();
    }

}
