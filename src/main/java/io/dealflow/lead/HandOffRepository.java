package io.dealflow.lead;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface HandOffRepository extends JpaRepository<HandOff, Long> {

    /** The hand-off sales has not decided on yet. */
    Optional<HandOff> findFirstByLeadIdAndDecisionIsNullOrderByIdDesc(Long leadId);
}
