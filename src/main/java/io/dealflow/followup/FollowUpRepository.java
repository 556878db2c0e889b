package io.dealflow.followup;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface FollowUpRepository extends JpaRepository<FollowUp, Long> {

    Optional<FollowUp> findByIdempotencyKey(String idempotencyKey);

    List<FollowUp> findByDealIdOrderByCreatedAtAscIdAsc(Long dealId);

    List<FollowUp> findByContactIdOrderByCreatedAtAscIdAsc(Long contactId);

    List<FollowUp> findByStatusAndCreatedAtAfterOrderByIdAsc(FollowUpStatus status, Instant after);
}
