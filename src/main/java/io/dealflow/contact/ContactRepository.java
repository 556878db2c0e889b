package io.dealflow.contact;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

public interface ContactRepository extends JpaRepository<Contact, Long> {

    /** JPQL, not derived: its plan is cached (see CompanyRepository#findByDomain). */
    @Query("select c from Contact c where c.email = :normalizedEmail")
    Optional<Contact> findByEmail(String normalizedEmail);

    Optional<Contact> findByUnsubscribeToken(String token);

    /** The contact, locked until the transaction ends: two erasures of one person run one after the other. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select c from Contact c where c.id = :id")
    Optional<Contact> lockById(Long id);
}
