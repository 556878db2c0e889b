package io.dealflow.followup;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface FollowUpRepository extends JpaRepository<FollowUp, Long> {

    Optional<FollowUp> findByIdempotencyKey(String idempotencyKey);

    /** JPQL, not derived: its plan is cached (see CompanyRepository#findByDomain). */
    @Query("select f from FollowUp f where f.dealId = :dealId order by f.createdAt, f.id")
    List<FollowUp> findByDealIdOrderByCreatedAtAscIdAsc(Long dealId);

    List<FollowUp> findByContactIdOrderByCreatedAtAscIdAsc(Long contactId);

    List<FollowUp> findByStatusAndCreatedAtAfterOrderByIdAsc(FollowUpStatus status, Instant after);

    /**
     * One atomic UPDATE: the row becomes SENDING, claimed by {@code worker} until {@code until}, if it is in one of
     * the {@code claimable} states or its SENDING claim ran out before {@code now}; answers 1 when it did.
     */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("""
            update FollowUp f set f.status = :sending, f.claimedBy = :worker, f.claimedUntil = :until,
                f.attempts = f.attempts + 1
            where f.id = :id and (f.status in :claimable or (f.status = :sending and f.claimedUntil < :now))
            """)
    int claim(@Param("id") Long id, @Param("worker") String worker, @Param("now") Instant now,
              @Param("until") Instant until, @Param("sending") FollowUpStatus sending,
              @Param("claimable") Collection<FollowUpStatus> claimable);
}
