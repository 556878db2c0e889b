package io.dealflow.deal;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface DealRepository extends JpaRepository<Deal, Long> {

    Optional<Deal> findByProcessInstanceId(String processInstanceId);
}
