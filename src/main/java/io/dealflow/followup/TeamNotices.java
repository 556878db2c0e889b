package io.dealflow.followup;

import io.dealflow.contact.ContactService;
import io.dealflow.deal.Deal;
import io.dealflow.deal.DealService;
import io.dealflow.access.Roles;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The emails to our own users: reminders to a deal's owner ("Remind owner of unanswered proposal", "Remind owners of
 * idle deals"), and notices to management (an idle deal's escalation, "Tell management of the missed hand-off").
 * Each method answers the emails to send, with their rows in the outbox, for {@link FollowUpSender}.
 */
@Service
public class TeamNotices {

    private final DealService deals;
    private final ContactService contacts;
    private final FollowUpDrafts drafts;
    private final MailModels models;
    private final Team team;

    TeamNotices(DealService deals, ContactService contacts, FollowUpDrafts drafts, MailModels models, Team team) {
        this.deals = deals;
        this.contacts = contacts;
        this.drafts = drafts;
        this.models = models;
        this.team = team;
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
            team.reachable(Roles.SALES, kind, deal.getReference())
                    .forEach(rep -> drafts.add(out, deal, rep, kind, StageVisit.of(deal)));
            return out;
        }
        team.owner(deal).ifPresent(owner -> drafts.add(out, deal, owner, kind, StageVisit.of(deal)));
        return out;
    }

    /** The management group told about a deal stuck in its stage, each manager once per stage visit. */
    @Transactional
    public List<Outgoing> escalations(Long dealId, FollowUpKind kind, String group) {
        List<Outgoing> out = new ArrayList<>();
        Deal deal = deals.get(dealId);
        for (Recipient manager : team.reachable(group, kind, deal.getReference())) {
            drafts.add(out, deal, manager, kind, StageVisit.of(deal));
        }
        return out;
    }

    /**
     * The deal's owner (each of the sales team for a team deal) told that a contact's address bounced permanently;
     * once per address (the occasion is the contact and when its address was marked).
     */
    @Transactional
    public List<Outgoing> undeliverableNotices(Long dealId, Long contactId) {
        List<Outgoing> out = new ArrayList<>();
        Deal deal = deals.get(dealId);
        var contact = contacts.get(contactId);
        if (contact.isDeliverable()) {
            return out;
        }
        FollowUpKind kind = FollowUpKind.UNDELIVERABLE_NOTICE;
        List<Recipient> owners = deal.getOwner() == null ? team.reachable(Roles.SALES, kind, deal.getReference())
                : team.owner(deal).stream().toList();
        for (Recipient owner : owners) {
            Map<String, Object> model = models.of(deal, owner);
            model.put("contactName", contact.displayName());
            model.put("contactEmail", contact.getEmail());
            model.put("reason", contact.getUndeliverableReason() == null ? "" : contact.getUndeliverableReason());
            drafts.add(out, drafts.about(deal), owner, kind, "undeliverable-" + contactId + "@"
                    + contact.getUndeliverableSince().getEpochSecond(), model, null);
        }
        return out;
    }

    /** An email about a lead to every member of a group (e.g. management about a missed hand-off). */
    @Transactional
    public List<Outgoing> aboutLead(Long leadId, Long contactId, FollowUpKind kind, String group, String occasion) {
        List<Outgoing> out = new ArrayList<>();
        var contact = contacts.get(contactId);
        for (Recipient member : team.reachable(group, kind, "lead " + leadId)) {
            Map<String, Object> model = models.of(contact, member);
            model.put("leadName", contact.displayName());
            drafts.add(out, FollowUpDrafts.Topic.lead(leadId), member, kind, occasion, model, null);
        }
        return out;
    }
}
