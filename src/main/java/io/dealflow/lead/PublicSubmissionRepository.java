package io.dealflow.lead;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface PublicSubmissionRepository extends JpaRepository<PublicSubmission, Long> {

    List<PublicSubmission> findByLeadIdOrderBySubmittedAtAscIdAsc(Long leadId);
}
