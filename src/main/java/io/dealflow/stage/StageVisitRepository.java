package io.dealflow.stage;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface StageVisitRepository extends JpaRepository<StageVisit, Long> {

    List<StageVisit> findByDealIdOrderByEnteredAtAscIdAsc(Long dealId);

    Optional<StageVisit> findByTaskId(String taskId);

    List<StageVisit> findByDealIdAndLeftAtIsNull(Long dealId);
}
