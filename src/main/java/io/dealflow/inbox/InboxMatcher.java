package io.dealflow.inbox;

import io.dealflow.contact.ContactService;
import io.dealflow.lead.LeadService;
import io.dealflow.lead.LeadStatus;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Which deal or lead a message is about: the thread first (In-Reply-To and References against the Message-IDs our
 * follow-ups to contacts went out with), then the sender (a contact with exactly one open deal, or a lead in
 * nurturing). Emails to our own users (reminders, escalations) are not threads a prospect answers.
 */
@Component
class InboxMatcher {

    static final String BY_THREAD = "THREAD";
    static final String BY_SENDER = "SENDER";

    private final JdbcTemplate jdbc;
    private final ContactService contacts;
    private final LeadService leads;

    InboxMatcher(JdbcTemplate jdbc, ContactService contacts, LeadService leads) {
        this.jdbc = jdbc;
        this.contacts = contacts;
        this.leads = leads;
    }

    record Match(Long dealId, Long leadId, Long contactId, String by) {

        static final Match NONE = new Match(null, null, null, null);

        boolean found() {
            return dealId != null || leadId != null;
        }
    }

    Match of(IncomingMail mail) {
        return byThread(mail.answered()).orElseGet(() -> bySender(mail.from()));
    }

    private Optional<Match> byThread(List<String> messageIds) {
        for (String messageId : messageIds) {
            List<Match> found = jdbc.query("""
                    select deal_id, lead_id, contact_id from follow_up
                    where message_id = ? and contact_id is not null""",
                    (row, i) -> new Match((Long) row.getObject(1, Long.class), row.getObject(2, Long.class),
                            row.getObject(3, Long.class), BY_THREAD), messageId);
            if (!found.isEmpty()) {
                return Optional.of(found.get(0));
            }
        }
        return Optional.empty();
    }

    Match bySender(String address) {
        if (address == null) {
            return Match.NONE;
        }
        return contacts.findByEmail(address).map(contact -> ofContact(contact.getId())).orElse(Match.NONE);
    }

    /** The contact's one open deal, else their lead if it is being nurtured; none when it is ambiguous. */
    Match ofContact(Long contactId) {
        List<Long> open = openDeals(contactId);
        if (open.size() == 1) {
            return new Match(open.get(0), null, contactId, BY_SENDER);
        }
        if (open.isEmpty()) {
            var lead = leads.ofContact(contactId).filter(found -> found.getStatus() == LeadStatus.NURTURING);
            if (lead.isPresent()) {
                return new Match(null, lead.get().getId(), contactId, BY_SENDER);
            }
        }
        return new Match(null, null, contactId, null);
    }

    List<Long> openDeals(Long contactId) {
        return jdbc.queryForList("""
                select d.id from deal d join deal_contact dc on dc.deal_id = d.id
                where dc.contact_id = ? and d.status = 'OPEN' order by d.id""", Long.class, contactId);
    }
}
