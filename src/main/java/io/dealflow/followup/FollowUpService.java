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
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Chooses who gets which follow-up and composes it: each method answers the emails to send, each with its row in
 * the outbox (found or created, committed), for {@link FollowUpSender}, which sends them after this method's
 * transaction has ended. Called by the worker of the processes' email tasks (see {@link FollowUpWorker}).
 *
 * <p>Exactly once: every email has an idempotency key (deal, kind, contact and what it is about) stored with
 * a unique constraint. An email whose row is already SENT is not answered again, so repeated or retried work
 * composes it but does not send it twice.
 */
@Service
public class FollowUpService {

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
    private final String publicUrl;

    public FollowUpService(DealService deals, SalesModel salesModel, ContactService contacts,
                           FollowUpRepository followUps, FollowUpOutbox outbox, FollowUpComposer composer,
                           IdentityService identities,
                           @Value("${dealflow.public-url:http://localhost:8080}") String publicUrl) {
        this.deals = deals;
        this.salesModel = salesModel;
        this.contacts = contacts;
        this.followUps = followUps;
        this.outbox = outbox;
        this.composer = composer;
        this.identities = identities;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    /** A confirmation with a calendar invite to each contact of a deal opened with a meeting time. */
    @Transactional
    public List<Outgoing> meetingConfirmations(Long dealId) {
        List<Outgoing> out = new ArrayList<>();
        Deal deal = deals.get(dealId);
        if (deal.getMeetingAt() == null) {
            return out;
        }
        String organizer = ownerEmail(deal.getOwner());
        for (DealContact participant : deal.getContacts()) {
            var contact = participant.getContact();
            Map<String, Object> model = model(deal, Recipient.of(participant));
            String invite = MeetingInvite.build(deal.getId(), deal.getMeetingAt(),
                    composer.compose(FollowUpKind.MEETING_CONFIRMATION, model, null).subject(), organizer,
                    contact.displayName(), contact.getEmail(), ClockUtil.now().toInstant());
            // a rescheduled meeting is a new confirmation: the meeting time is part of the key
            compose(out, deal, Recipient.of(participant), FollowUpKind.MEETING_CONFIRMATION,
                    "meeting-" + deal.getMeetingAt().getEpochSecond(), model, invite);
        }
        return out;
    }

    /** A welcome to each contact of a won deal. */
    @Transactional
    public List<Outgoing> welcomes(Long dealId) {
        List<Outgoing> out = new ArrayList<>();
        Deal deal = deals.get(dealId);
        for (DealContact participant : deal.getContacts()) {
            compose(out, deal, Recipient.of(participant), FollowUpKind.WELCOME, "won");
        }
        return out;
    }

    /**
     * A short closing note to the decision makers of a lost deal; none when the deal was lost as NOT_A_FIT
     * (we decided it, and a "maybe later" would be misleading).
     */
    @Transactional
    public List<Outgoing> closingNotes(Long dealId) {
        List<Outgoing> out = new ArrayList<>();
        Deal deal = deals.get(dealId);
        if (deal.getLostReason() == LostReason.NOT_A_FIT) {
            return out;
        }
        for (DealContact participant : deal.getContacts()) {
            if (participant.getRole() == ContactRole.DECISION_MAKER) {
                compose(out, deal, Recipient.of(participant), FollowUpKind.CLOSING, "lost");
            }
        }
        return out;
    }

    /**
     * A follow-up about the deal's current stage to its decision makers (to every contact when none is marked
     * as one), once per stage visit. Marketing: only to contacts with consent.
     */
    @Transactional
    public List<Outgoing> stageFollowUps(Long dealId, FollowUpKind kind) {
        List<Outgoing> out = new ArrayList<>();
        Deal deal = deals.get(dealId);
        List<DealContact> decisionMakers = deal.getContacts().stream()
                .filter(participant -> participant.getRole() == ContactRole.DECISION_MAKER).toList();
        for (DealContact participant : decisionMakers.isEmpty() ? deal.getContacts() : decisionMakers) {
            compose(out, deal, Recipient.of(participant), kind, stageVisit(deal));
        }
        return out;
    }

    /**
     * A reminder to the deal's owner about its current stage, once per stage visit; a team deal (no owner) is the
     * whole sales team's to take, so each of them is reminded.
     */
    @Transactional
    public List<Outgoing> ownerReminders(Long dealId, FollowUpKind kind) {
        List<Outgoing> out = new ArrayList<>();
        Deal deal = deals.get(dealId);
        if (deal.getOwner() == null) {
            membersWithEmail(Roles.SALES, kind, deal.getReference())
                    .forEach(rep -> compose(out, deal, rep, kind, stageVisit(deal)));
            return out;
        }
        ownerRecipient(deal).ifPresent(owner -> compose(out, deal, owner, kind, stageVisit(deal)));
        return out;
    }

    /** The management group told about a deal stuck in its stage, each manager once per stage visit. */
    @Transactional
    public List<Outgoing> escalations(Long dealId, FollowUpKind kind, String group) {
        List<Outgoing> out = new ArrayList<>();
        Deal deal = deals.get(dealId);
        for (Recipient manager : membersWithEmail(group, kind, deal.getReference())) {
            compose(out, deal, manager, kind, stageVisit(deal));
        }
        return out;
    }

    /**
     * A marketing email to a lead (e.g. a nurture email), once per occasion; only with consent. The lead's
     * process names the occasion (its nurturing round), so a lead that comes back to nurturing is written to again.
     */
    @Transactional
    public List<Outgoing> toLead(Long leadId, Long contactId, FollowUpKind kind, String occasion) {
        List<Outgoing> out = new ArrayList<>();
        var contact = contacts.get(contactId);
        Recipient recipient = Recipient.of(contact);
        compose(out, Topic.lead(leadId), recipient, kind, occasion, leadModel(contact, recipient), null);
        return out;
    }

    /**
     * Double opt-in: the link that grants marketing consent to a person who asked for it on the public form.
     * Not a marketing email: it goes to a person without consent, because they asked for it; once per request.
     */
    @Transactional
    public List<Outgoing> consentConfirmation(Long leadId, ConsentConfirmation confirmation) {
        List<Outgoing> out = new ArrayList<>();
        if (confirmation.getConfirmedAt() != null) {
            return out;
        }
        var contact = contacts.get(confirmation.getContactId());
        Recipient recipient = Recipient.of(contact);
        Map<String, Object> model = leadModel(contact, recipient);
        model.put("confirmUrl", publicUrl + "/lead-form/confirm/" + confirmation.getToken());
        model.put("consentText", confirmation.getConsentText());
        compose(out, Topic.lead(leadId), recipient, FollowUpKind.CONSENT_CONFIRMATION,
                "consent-" + confirmation.getId(), model, null);
        return out;
    }

    /** An email about a lead to every member of a group (e.g. management about a missed hand-off). */
    @Transactional
    public List<Outgoing> toGroupAboutLead(Long leadId, Long contactId, FollowUpKind kind, String group,
                                           String occasion) {
        List<Outgoing> out = new ArrayList<>();
        var contact = contacts.get(contactId);
        for (Recipient member : membersWithEmail(group, kind, "lead " + leadId)) {
            Map<String, Object> model = leadModel(contact, member);
            model.put("leadName", contact.displayName());
            compose(out, Topic.lead(leadId), member, kind, occasion, model, null);
        }
        return out;
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
    public boolean isSent(Long rowId) {
        return followUps.findById(rowId).map(row -> row.getStatus() == FollowUpStatus.SENT).orElse(false);
    }

    @Transactional(readOnly = true)
    public List<FollowUp> ofDeal(Long dealId) {
        return followUps.findByDealIdOrderByCreatedAtAscIdAsc(dealId);
    }

    /**
     * The emails kept while no SMTP server was configured, as they were composed, if they are no older than
     * {@code maxAge}; a marketing email only if the contact still consents (else it is marked so and left out).
     * Also those whose sending was claimed and whose claim ran out (a node stopped mid-send).
     */
    @Transactional
    public List<Outgoing> kept(Duration maxAge) {
        List<Outgoing> out = new ArrayList<>();
        Instant now = ClockUtil.now().toInstant();
        List<FollowUp> rows = new ArrayList<>(followUps.findByStatusAndCreatedAtAfterOrderByIdAsc(
                FollowUpStatus.NOT_SENT_NO_SMTP, now.minus(maxAge)));
        followUps.findByStatusAndCreatedAtAfterOrderByIdAsc(FollowUpStatus.SENDING, now.minus(maxAge)).stream()
                .filter(row -> row.getClaimedUntil() != null && row.getClaimedUntil().isBefore(now))
                .forEach(rows::add);
        for (FollowUp row : rows) {
            ComposedMail mail = row.keptMail();
            if (mail == null) {
                continue;
            }
            if (row.getKind().isMarketing() && !consents(row.getContactId())) {
                outbox.notSentWithoutConsent(row);
                continue;
            }
            String replyTo = row.getDealId() == null ? null : ownerEmail(deals.get(row.getDealId()).getOwner());
            String about = row.getDealId() != null ? deals.get(row.getDealId()).getReference()
                    : "lead " + row.getLeadId();
            out.add(new Outgoing(row.getId(), row.getMessageId(), row.getKind(), about, row.getRecipient(), replyTo, mail,
                    row.getUnsubscribeUrl(), true));
        }
        return out;
    }

    /** One visit of a deal to its current stage: a deal that comes back to a stage is followed up again. */
    private static String stageVisit(Deal deal) {
        return deal.getStageKey() + "@" + deal.getStageEnteredAt().getEpochSecond();
    }

    private void compose(List<Outgoing> out, Deal deal, Recipient recipient, FollowUpKind kind, String occasion) {
        compose(out, deal, recipient, kind, occasion, model(deal, recipient), null);
    }

    private void compose(List<Outgoing> out, Deal deal, Recipient recipient, FollowUpKind kind, String occasion,
                         Map<String, Object> model, String calendarInvite) {
        compose(out, new Topic(deal.getId(), null, deal.getReference(), ownerEmail(deal.getOwner())), recipient,
                kind, occasion, model, calendarInvite);
    }

    /** Adds the email to {@code out} unless it was sent already or may not be sent (a marketing email without consent). */
    private void compose(List<Outgoing> out, Topic topic, Recipient recipient, FollowUpKind kind, String occasion,
                         Map<String, Object> model, String calendarInvite) {
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
        FollowUp row = outbox.row(new FollowUp(topic.dealId(), topic.leadId(), recipient.contactId(), kind,
                recipient.email(), mail.subject(), key, ClockUtil.now().toInstant()));
        if (row.getStatus() == FollowUpStatus.SENT || row.getStatus() == FollowUpStatus.NOT_SENT_NO_CONSENT) {
            return;
        }
        out.add(new Outgoing(row.getId(), row.getMessageId(), kind, topic.reference(), recipient.email(), topic.replyTo(), mail,
                unsubscribeUrl, false));
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
