package io.dealflow.followup;

import io.dealflow.deal.DealViewPart;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The emails the process composed for a deal, and whether they went out: {@code followUps} in the deal's view. */
@Component
public class DealFollowUps implements DealViewPart {

    private final FollowUpRepository followUps;

    public DealFollowUps(FollowUpRepository followUps) {
        this.followUps = followUps;
    }

    @Override
    public String name() {
        return "followUps";
    }

    @Override
    @Transactional(readOnly = true)
    public List<FollowUpView> of(Long dealId) {
        return followUps.findByDealIdOrderByCreatedAtAscIdAsc(dealId).stream()
                .map(f -> new FollowUpView(f.getKind(), f.getRecipient(), f.getSubject(), f.getStatus(),
                        f.getCreatedAt(), f.getSentAt(), f.getError(), f.getAttempts()))
                .toList();
    }

    /** An email the process composed for this deal, and whether it went out. */
    public record FollowUpView(FollowUpKind kind, String recipient, String subject, FollowUpStatus status,
                               Instant createdAt, Instant sentAt, String error, int attempts) {
    }
}
