package io.dealflow.followup;

import io.dealflow.deal.ContactRole;
import io.dealflow.deal.Deal;
import io.dealflow.deal.DealContact;
import io.dealflow.deal.DealService;
import io.dealflow.deal.LostReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The emails of the sales process to a deal's contacts ("Send meeting confirmation", "Send proposal follow-up",
 * "Send welcome email", "Send closing email"): who gets which. Each method answers the emails to send, each with its
 * row in the outbox, for {@link FollowUpSender}, which sends them after this method's transaction has ended; an
 * email already sent is not answered again.
 */
@Service
public class DealContactEmails {

    private final DealService deals;
    private final FollowUpDrafts drafts;
    private final MailModels models;
    private final FollowUpComposer composer;
    private final Team team;
    private final ReplyTo replyTo;

    DealContactEmails(DealService deals, FollowUpDrafts drafts, MailModels models, FollowUpComposer composer,
                      Team team, ReplyTo replyTo) {
        this.replyTo = replyTo;
        this.deals = deals;
        this.drafts = drafts;
        this.models = models;
        this.composer = composer;
        this.team = team;
    }

    /** A confirmation with a calendar invite to each contact of a deal opened with a meeting time. */
    @Transactional
    public List<Outgoing> meetingConfirmations(Long dealId) {
        List<Outgoing> out = new ArrayList<>();
        Deal deal = deals.get(dealId);
        if (deal.getMeetingAt() == null) {
            return out;
        }
        // an invitation needs an organizer (RFC 5546): the owner, else the sales mailbox of a team deal
        String organizer = team.email(deal.getOwner());
        if (organizer == null || organizer.isBlank()) {
            organizer = replyTo.salesAddress();
        }
        for (DealContact participant : deal.getContacts()) {
            var contact = participant.getContact();
            Recipient recipient = Recipient.of(participant);
            Map<String, Object> model = models.of(deal, recipient);
            String invite = MeetingInvite.build(deal.getId(), deal.getMeetingAt(),
                    composer.compose(FollowUpKind.MEETING_CONFIRMATION, model, null).subject(), organizer,
                    contact.displayName(), contact.getEmail(), ClockUtil.now().toInstant());
            // a rescheduled meeting is a new confirmation: the meeting time is part of the key
            drafts.add(out, drafts.about(deal), recipient, FollowUpKind.MEETING_CONFIRMATION,
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
            drafts.add(out, deal, Recipient.of(participant), FollowUpKind.WELCOME, "won");
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
                drafts.add(out, deal, Recipient.of(participant), FollowUpKind.CLOSING, "lost");
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
            drafts.add(out, deal, Recipient.of(participant), kind, StageVisit.of(deal));
        }
        return out;
    }
}
