package io.dealflow.followup;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes to the follow_up table in transactions of their own, each committed before the method returns: what
 * happened to an email is visible (in GET /api/deals/{id}) even while the work that sends it fails, and a claim
 * is seen by every other node before the SMTP conversation starts.
 */
@Component
public class FollowUpOutbox {

    /** The states from which an email may be claimed for sending (besides a SENDING claim that ran out). */
    private static final Set<FollowUpStatus> CLAIMABLE = EnumSet.of(FollowUpStatus.PENDING, FollowUpStatus.FAILED,
            FollowUpStatus.NOT_SENT_NO_SMTP);

    private final FollowUpRepository followUps;
    private final MessageIds messageIds;
    private final TransactionTemplate ownTransaction;
    private final SendSchedule schedule;

    public FollowUpOutbox(FollowUpRepository followUps, PlatformTransactionManager transactions, MessageIds messageIds,
                          SendSchedule schedule) {
        this.messageIds = messageIds;
        this.schedule = schedule;
        this.followUps = followUps;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * The row of this email, created on the first attempt. Two nodes composing the same email at once: the
     * unique idempotency key lets one insert win, the other finds its row.
     */
    public FollowUp row(FollowUp candidate) {
        try {
            return ownTransaction.execute(tx -> followUps.findByIdempotencyKey(candidate.getIdempotencyKey())
                    .map(this::identified)
                    .orElseGet(() -> {
                        candidate.identifyAs(messageIds.next());
                        return followUps.saveAndFlush(candidate);
                    }));
        } catch (DataIntegrityViolationException inserted) {
            return ownTransaction.execute(tx -> followUps.findByIdempotencyKey(candidate.getIdempotencyKey())
                    .orElseThrow(() -> inserted));
        }
    }

    /** A row written before Message-IDs were recorded gets one now, before it is sent. */
    private FollowUp identified(FollowUp row) {
        if (row.getMessageId() == null && row.getStatus() != FollowUpStatus.SENT) {
            row.identifyAs(messageIds.next());
        }
        return row;
    }

    /**
     * An email that may not go out, kept visibly and never sent, with {@code why}: {@code NOT_SENT_NO_CONSENT} (a
     * marketing email the contact may not receive) or {@code NOT_SENT_UNDELIVERABLE} (the address bounced for good).
     */
    public void notSent(FollowUp candidate, FollowUpStatus why) {
        FollowUp row = row(candidate);
        ownTransaction.executeWithoutResult(tx -> followUps.findById(row.getId()).ifPresent(found -> {
            if (found.getStatus() != FollowUpStatus.SENT && found.getStatus() != FollowUpStatus.SENDING) {
                found.notSent(why);
            }
        }));
    }

    /**
     * Claims the email for {@code worker}'s SMTP conversation, committed before this returns: one atomic UPDATE,
     * so of two nodes trying at once exactly one gets it. The claim holds for {@code duration}, which must be
     * longer than a send can take (the SMTP timeouts); a node that dies mid-send leaves a claim that runs out.
     *
     * @throws HeldBackException when the email may not go yet (send window, mailbox limits): nothing is claimed
     */
    public Claim claim(Long id, String worker, Instant now, Duration duration) {
        return ownTransaction.execute(tx -> {
            if (followUps.claim(id, worker, now, now.plus(duration), FollowUpStatus.SENDING, CLAIMABLE) == 1) {
                schedule.admit(followUps.findById(id).orElseThrow(), now);
                return Claim.CLAIMED;
            }
            FollowUpStatus status = followUps.findById(id).map(FollowUp::getStatus).orElse(FollowUpStatus.SENT);
            return status == FollowUpStatus.SENDING ? Claim.CLAIMED_ELSEWHERE : Claim.DONE;
        });
    }

    /** Committed at once, so that a later failure of the same work (another recipient) cannot undo it. */
    public void sent(Long id, String worker, Instant at) {
        ifStillClaimed(id, worker, row -> row.sent(at));
    }

    public void failed(Long id, String worker, String error) {
        ifStillClaimed(id, worker, row -> row.failed(error));
    }

    /** A kept email that could not go out now stays kept for the next start. */
    public void stillKept(Long id, String worker, String error) {
        ifStillClaimed(id, worker, row -> row.stillKept(error));
    }

    public void keptWithoutSmtp(Long id, ComposedMail mail, String unsubscribeUrl) {
        ownTransaction.executeWithoutResult(tx -> followUps.findById(id).ifPresent(row -> {
            if (row.getStatus() != FollowUpStatus.SENT && row.getStatus() != FollowUpStatus.SENDING) {
                row.keptWithoutSmtp(mail, unsubscribeUrl);
            }
        }));
    }

    /** Records the outcome only while the claim is ours: a claim that ran out may have been taken over. */
    private void ifStillClaimed(Long id, String worker, java.util.function.Consumer<FollowUp> outcome) {
        ownTransaction.executeWithoutResult(tx -> followUps.findById(id)
                .filter(row -> row.claimedBy(worker)).ifPresent(outcome));
    }

    /** Whether the email has gone out, as committed. */
    public boolean isSent(Long id) {
        return followUps.findById(id).map(row -> row.getStatus() == FollowUpStatus.SENT).orElse(false);
    }

    /** What a claim found. */
    public enum Claim {
        /** Ours to send now. */
        CLAIMED,
        /** Another node is sending it, within its claim: not to be sent here. */
        CLAIMED_ELSEWHERE,
        /** Sent already, or never to be sent (no consent): nothing to do. */
        DONE
    }
}
