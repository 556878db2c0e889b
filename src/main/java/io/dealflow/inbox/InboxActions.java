package io.dealflow.inbox;

import io.dealflow.contact.ContactService;
import io.dealflow.deal.DealService;
import io.dealflow.followup.FollowUpSender;
import io.dealflow.followup.TeamNotices;
import io.dealflow.lead.LeadIntake;
import io.dealflow.lead.LeadService;
import io.dealflow.lead.LeadStatus;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a message read from the sales mailbox does, recorded with it in one transaction that holds the mailbox's
 * position row: a reply stops the deal's follow-ups (BPMN message ProspectReplied) or engages the lead again
 * (LeadEngaged); a permanent bounce marks the address undeliverable and tells the deal's owner (after the commit,
 * once per address); a temporary bounce and an automatic reply are only recorded; unmatched mail is left alone.
 */
@Component
class InboxActions {

    static final String REPLY = "REPLY";
    static final String AUTO_REPLY = "AUTO_REPLY";
    static final String BOUNCE = "BOUNCE";
    private static final Logger log = LoggerFactory.getLogger(InboxActions.class);

    private final InboxStore store;
    private final InboxMatcher matcher;
    private final DealService deals;
    private final LeadService leads;
    private final LeadIntake intake;
    private final ContactService contacts;
    private final TeamNotices followUps;
    private final FollowUpSender sender;
    private final TransactionTemplate transaction;

    InboxActions(InboxStore store, InboxMatcher matcher, DealService deals, LeadService leads, LeadIntake intake,
                 ContactService contacts, TeamNotices followUps, FollowUpSender sender,
                 PlatformTransactionManager transactions) {
        this.store = store;
        this.matcher = matcher;
        this.deals = deals;
        this.leads = leads;
        this.intake = intake;
        this.contacts = contacts;
        this.followUps = followUps;
        this.sender = sender;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** The notice owed to a deal's owner about a contact's address. */
    private record Notice(Long dealId, Long contactId) {
    }

    /**
     * Records {@code mail} (UID {@code mail.uid()} under {@code uidValidity}) and does what it asks, unless it was
     * recorded before (by UID or by Message-ID). One that fails is recorded as failed and not tried again.
     */
    void take(String mailbox, long uidValidity, IncomingMail mail, Instant readAt) {
        List<Notice> notices;
        try {
            notices = transaction.execute(tx -> {
                if (!advance(mailbox, uidValidity, mail, readAt)) {
                    return List.of();
                }
                return act(mailbox, uidValidity, mail);
            });
        } catch (RuntimeException e) {
            log.warn("Message {} of {} could not be acted on; recorded as failed", mail.uid(), mailbox, e);
            transaction.executeWithoutResult(tx -> {
                if (advance(mailbox, uidValidity, mail, readAt)) {
                    store.record(mailbox, uidValidity, mail, new InboxStore.Recorded(kind(mail), null, null, null,
                            null, "failed: " + e.getClass().getSimpleName()), ClockUtil.now().toInstant());
                }
            });
            return;
        }
        send(notices);
    }

    /**
     * Sends again the notices about undeliverable addresses that did not go out (the mail server was down): each
     * poll, so none is lost; their rows' idempotency keys keep a sent one from going twice.
     */
    void sendOwedNotices() {
        send(store.owedNotices().stream().map(owed -> new Notice(owed[0], owed[1])).toList());
    }

    private void send(List<Notice> notices) {
        for (Notice notice : notices) {
            try {
                sender.deliver(followUps.undeliverableNotices(notice.dealId(), notice.contactId()));
            } catch (RuntimeException e) {
                log.warn("The notice about an undeliverable address of deal {} was not sent; tried again at the next"
                        + " poll", notice.dealId(), e);
            }
        }
    }

    /** Moves the position past this message; false when it was read before (this UID or this Message-ID). */
    private boolean advance(String mailbox, long uidValidity, IncomingMail mail, Instant readAt) {
        InboxStore.Position position = store.lockedPosition(mailbox);
        if (Objects.equals(position.uidValidity(), uidValidity) && mail.uid() <= position.lastUid()) {
            return false;
        }
        store.advance(mailbox, uidValidity, mail.uid(), readAt);
        return !store.isRecorded(mail.messageId());
    }

    private static String kind(IncomingMail mail) {
        return mail.report() != null ? BOUNCE : mail.automatic() ? AUTO_REPLY : REPLY;
    }

    private List<Notice> act(String mailbox, long uidValidity, IncomingMail mail) {
        Instant now = ClockUtil.now().toInstant();
        if (mail.report() != null) {
            return bounce(mailbox, uidValidity, mail, now);
        }
        InboxMatcher.Match match = matcher.of(mail);
        String outcome;
        if (!match.found()) {
            outcome = "unmatched";
        } else if (mail.automatic()) {
            outcome = "automatic reply: recorded";
        } else if (match.dealId() != null) {
            outcome = "follow-ups stopped: " + deals.replied(match.dealId());
        } else {
            outcome = engage(match.leadId());
        }
        store.record(mailbox, uidValidity, mail, new InboxStore.Recorded(kind(mail), match.dealId(), match.leadId(),
                match.contactId(), match.by(), outcome), now);
        return List.of();
    }

    /** A lead being nurtured is qualified again (LeadEngaged); one with sales or done is left as it is. */
    private String engage(Long leadId) {
        LeadStatus status = leads.get(leadId).getStatus();
        if (status != LeadStatus.NURTURING) {
            return "lead " + status + ": nothing to engage";
        }
        return "lead engaged: qualified again as " + intake.replied(leadId, null).outcome();
    }

    private List<Notice> bounce(String mailbox, long uidValidity, IncomingMail mail, Instant now) {
        IncomingMail.DeliveryReport report = mail.report();
        var contact = report.finalRecipient() == null ? java.util.Optional.<io.dealflow.contact.Contact>empty()
                : contacts.findByEmail(report.finalRecipient());
        InboxMatcher.Match match = contact.map(found -> matcher.ofContact(found.getId()))
                .orElse(InboxMatcher.Match.NONE);
        List<Notice> notices = List.of();
        String outcome;
        if (contact.isEmpty()) {
            outcome = "unmatched";
        } else if (!report.permanent()) {
            outcome = "temporary failure: " + report.reason();
        } else if (contacts.markUndeliverable(report.finalRecipient(), report.reason(), now).isPresent()) {
            Long contactId = contact.get().getId();
            notices = matcher.openDeals(contactId).stream().map(dealId -> new Notice(dealId, contactId)).toList();
            outcome = "address marked undeliverable: " + report.reason();
        } else {
            outcome = "address already undeliverable";
        }
        store.record(mailbox, uidValidity, mail, new InboxStore.Recorded(BOUNCE, match.dealId(), match.leadId(),
                contact.map(found -> found.getId()).orElse(null), match.contactId() == null ? null : "RECIPIENT",
                outcome), now);
        return notices;
    }
}
