package io.dealflow.followup;

import java.time.Instant;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes to the follow_up table in transactions of their own, so that what happened to an email is visible
 * (in GET /api/deals/{id}) even while the job that sends it fails and is rolled back.
 */
@Component
public class FollowUpOutbox {

    private final FollowUpRepository followUps;

    public FollowUpOutbox(FollowUpRepository followUps) {
        this.followUps = followUps;
    }

    /** The row of this email, created on the first attempt; counts the attempt. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public FollowUp attempt(FollowUp candidate) {
        FollowUp row = followUps.findByIdempotencyKey(candidate.getIdempotencyKey())
                .orElseGet(() -> followUps.save(candidate));
        if (row.getStatus() != FollowUpStatus.SENT) {
            row.attempted();
        }
        return row;
    }

    /** A marketing email the contact may not receive: kept, visibly, and never sent. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void notSentWithoutConsent(FollowUp candidate) {
        FollowUp row = followUps.findByIdempotencyKey(candidate.getIdempotencyKey())
                .orElseGet(() -> followUps.save(candidate));
        if (row.getStatus() != FollowUpStatus.SENT) {
            row.notSentWithoutConsent();
        }
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void failed(Long id, String error) {
        followUps.findById(id).ifPresent(row -> row.failed(error));
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void keptWithoutSmtp(Long id, ComposedMail mail, String unsubscribeUrl) {
        followUps.findById(id).ifPresent(row -> row.keptWithoutSmtp(mail, unsubscribeUrl));
    }

    /** Committed at once, so that a later failure of the same job (another recipient) cannot undo it. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void sent(Long id, Instant at) {
        followUps.findById(id).ifPresent(row -> row.sent(at));
    }
}
