package io.dealflow.contact;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ContactRepository extends JpaRepository<Contact, Long> {

    Optional<Contact> findByEmail(String normalizedEmail);

    Optional<Contact> findByUnsubscribeToken(String token);
}
