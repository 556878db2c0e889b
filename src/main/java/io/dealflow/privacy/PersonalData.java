package io.dealflow.privacy;

import io.dealflow.contact.*;
import io.dealflow.audit.AuditEvent;
import io.dealflow.audit.AuditLog;
import io.dealflow.deal.DealContact;
import io.dealflow.deal.DealRepository;
import io.dealflow.deal.DealService;
import io.dealflow.followup.FollowUp;
import io.dealflow.followup.FollowUpRepository;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A person's data under GDPR: all of it exported (right of access), or all of it erased (right to erasure). */
@Service
public class PersonalData {

    private final ContactRepository contacts;
    private final DealRepository deals;
    private final DealService dealService;
    private final FollowUpRepository followUps;
    private final ErasureRepository erasures;
    private final EngineMentions engine;
    private final JdbcTemplate jdbc;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;

    public PersonalData(ContactRepository contacts, DealRepository deals, DealService dealService,
                        FollowUpRepository followUps, ErasureRepository erasures, EngineMentions engine,
                        JdbcTemplate jdbc, ApplicationEventPublisher events, AuditLog audit) {
        this.audit = audit;
        this.contacts = contacts;
        this.deals = deals;
        this.dealService = dealService;
        this.followUps = followUps;
        this.erasures = erasures;
        this.engine = engine;
        this.jdbc = jdbc;
        this.events = events;
    }

    /** Recorded in the audit log as {@code exportedBy}'s use of the person's data. */
    @Transactional
    public ContactExport export(long contactId, String exportedBy) {
        Contact contact = contacts.findById(contactId).orElseThrow(() -> new ContactNotFoundException(contactId));
        audit.record(exportedBy, AuditEvent.Action.EXPORT, AuditLog.CONTACT, contactId);
        List<DealContact> participations = deals.findParticipations(contactId);
        EngineMentions.Person person = person(contact, participations);
        return new ContactExport(ContactView.of(contact), lead(contactId),
                participations.stream().map(dc -> new ContactExport.DealPart(dc.getDeal().getId(),
                        dc.getDeal().getReference(), dc.getDeal().getTitle(), dc.getRole(), dc.getDeal().getStatus(),
                        dc.getDeal().getStageName(), dc.getDeal().getStageKey())).toList(),
                followUps.findByContactIdOrderByCreatedAtAscIdAsc(contactId).stream()
                        .map(f -> new ContactExport.FollowUpPart(f.getDealId(), f.getKind(), f.getRecipient(),
                                f.getSubject(), f.getStatus(), f.getCreatedAt(), f.getSentAt(), f.getBodyText()))
                        .toList(),
                mailbox(contact),
                engine.variables(person).stream()
                        .map(v -> new ContactExport.EngineVariable(v.processInstanceId(), v.name(), v.value()))
                        .toList(),
                engine.details(person).stream()
                        .map(d -> new ContactExport.EngineValue(d.processInstanceId(), d.name(), d.value(), d.time()))
                        .toList(),
                erasures.findByContactId(contactId).orElse(null));
    }

    /**
     * Erases the person from our tables and from the process engine, in one transaction: a failure leaves nothing
     * half-erased. The deals stay with their figures and history, without the person. Erasing an erased contact
     * changes nothing and answers the first erasure.
     */
    @Transactional
    public Erasure erase(long contactId, String erasedBy) {
        Contact contact = contacts.lockById(contactId).orElseThrow(() -> new ContactNotFoundException(contactId));
        audit.record(erasedBy, AuditEvent.Action.ERASURE, AuditLog.CONTACT, contactId);
        Optional<Erasure> earlier = erasures.findByContactId(contactId);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        // as precise as the column keeps it, so that asking again answers exactly the same record
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<DealContact> participations = deals.findParticipations(contactId);
        // nurturing ends first (the lead process hears LeadUnsubscribed), then its variables are erased too
        events.publishEvent(new ConsentWithdrawn(contactId));
        EngineMentions.Removed removed = engine.remove(person(contact, participations));
        List<FollowUp> emails = followUps.findByContactIdOrderByCreatedAtAscIdAsc(contactId);
        emails.forEach(email -> email.erase(Contact.placeholderEmail(contactId)));
        int dealLinks = deals.removeContactFromAllDeals(contactId);
        participations.forEach(dc -> dealService.contactsChanged(dc.getDeal().getId()));
        // what they sent through the public form, and their consent confirmations, carry their data as typed
        jdbc.update("delete from lead_submission where lead_id in (select id from lead where contact_id = ?)",
                contactId);
        jdbc.update("delete from consent_confirmation where contact_id = ?", contactId);
        // a lead import waiting to run may name them too (its rows keep the file's line until run): that row is not
        // run, or it would create the person again
        jdbc.update("update lead_import_row set state = 'REJECTED', request = null, field = 'email',"
                + " reason = 'The person was erased before this row ran' where state = 'PENDING'"
                + " and lower(request) like ? escape '!'", "%\"email\":\"" + likeLiteral(contact.getEmail()) + "\"%");
        // what they wrote to the sales mailbox: the row stays (a reply came then), without sender, subject and text
        jdbc.update("update inbox_message set sender = null, subject = null, snippet = null, outcome = null"
                + " where contact_id = ? or lower(sender) = ?", contactId, contact.getEmail());
        contact.erase(now);
        return erasures.save(new Erasure(contactId, erasedBy, now, emails.size(), dealLinks, removed));
    }

    private static String likeLiteral(String email) {
        return email.toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    /** The person's deals' process instances and their lead process, where their name is searched too. */
    private EngineMentions.Person person(Contact contact, List<DealContact> participations) {
        List<String> instances = new ArrayList<>(participations.stream()
                .map(dc -> dc.getDeal().getProcessInstanceId()).filter(Objects::nonNull).toList());
        instances.addAll(jdbc.queryForList("select process_instance_id from lead where contact_id = ?"
                + " and process_instance_id is not null", String.class, contact.getId()));
        return new EngineMentions.Person(contact.getEmail(), contact.fullName(), instances.stream().distinct().toList());
    }

    /** The person as a lead: their answers, where they stand, and what they sent through the public form. */
    /** What the sales mailbox kept of the person's messages: matched to them, or sent from their address. */
    private List<ContactExport.MailboxPart> mailbox(Contact contact) {
        return jdbc.query("""
                select kind, received_at, sender, subject, snippet, deal_id, lead_id from inbox_message
                where contact_id = ? or lower(sender) = ? order by received_at, id""",
                (row, i) -> new ContactExport.MailboxPart(row.getString(1).toLowerCase().replace('_', '-'),
                        row.getTimestamp(2).toInstant(), row.getString(3), row.getString(4), row.getString(5),
                        row.getObject(6, Long.class), row.getObject(7, Long.class)),
                contact.getId(), contact.getEmail());
    }

    private Map<String, Object> lead(long contactId) {
        List<Map<String, Object>> rows = jdbc.queryForList("""
                select id, status, outcome, segment, budget, authority, need, timeline, employees, source,
                       submissions, created_at, updated_at
                from lead where contact_id = ?""", contactId);
        if (rows.isEmpty()) {
            return null;
        }
        Map<String, Object> lead = new LinkedHashMap<>();
        rows.get(0).forEach((column, value) -> lead.put(column.toLowerCase(Locale.ROOT), value));
        lead.put("public_submissions", jdbc.queryForList("""
                select submitted_at, source, email, first_name, last_name, company, website, job_title, phone,
                       consent_asked
                from lead_submission where lead_id = ? order by submitted_at, id""", lead.get("id")).stream()
                .map(row -> {
                    Map<String, Object> submission = new LinkedHashMap<>();
                    row.forEach((column, value) -> submission.put(column.toLowerCase(Locale.ROOT), value));
                    return submission;
                }).toList());
        return lead;
    }
}
