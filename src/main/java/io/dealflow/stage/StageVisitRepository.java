package io.dealflow.stage;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface StageVisitRepository extends JpaRepository<StageVisit, Long> {

    /** JPQL, not derived: its plan is cached (see CompanyRepository#findByDomain). */
    @Query("select v from StageVisit v where v.dealId = :dealId order by v.enteredAt, v.id")
    List<StageVisit> findByDealIdOrderByEnteredAtAscIdAsc(Long dealId);

    @Query("select v from StageVisit v where v.taskId = :taskId")
    Optional<StageVisit> findByTaskId(String taskId);

    List<StageVisit> findByDealIdAndLeftAtIsNull(Long dealId);
}
