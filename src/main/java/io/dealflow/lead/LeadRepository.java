package io.dealflow.lead;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface LeadRepository extends JpaRepository<Lead, Long> {

    /** JPQL rather than a derived query, whose criteria Hibernate translates again on every call (a lead import's 8 %). */
    @Query("select l from Lead l where l.contactId = :contactId")
    Optional<Lead> findByContactId(@Param("contactId") Long contactId);

    /** The lead, locked until the transaction ends: one engagement of a person at a time. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select l from Lead l where l.contactId = :contactId")
    Optional<Lead> lockByContactId(@Param("contactId") Long contactId);
}
