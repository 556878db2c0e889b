package io.dealflow.contact;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

public interface ConsentConfirmationRepository extends JpaRepository<ConsentConfirmation, Long> {

    Optional<ConsentConfirmation> findByToken(String token);

    Optional<ConsentConfirmation> findFirstByContactIdAndConfirmedAtIsNullOrderByRequestedAtDesc(Long contactId);

    @Modifying
    @Query("delete from ConsentConfirmation c where c.contactId = :contactId")
    int deleteByContactId(Long contactId);
}
