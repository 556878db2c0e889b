package io.dealflow.privacy;

import io.dealflow.contact.*;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ErasureRepository extends JpaRepository<Erasure, Long> {

    Optional<Erasure> findByContactId(Long contactId);
}
