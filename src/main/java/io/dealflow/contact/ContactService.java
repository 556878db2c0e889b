package io.dealflow.contact;

import io.dealflow.company.Company;
import java.time.Instant;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class ContactService {

    private final ContactRepository contacts;

    public ContactService(ContactRepository contacts) {
        this.contacts = contacts;
    }

    /** The contact with this email in any case or spacing, created when there is none, completed with what is new. */
    @Transactional
    public Contact findOrCreate(ContactDetails details, Company company, Instant now) {
        Contact contact = contacts.findByEmail(EmailAddresses.normalize(details.email()))
                .orElseGet(() -> new Contact(details.email(), now));
        contact.complete(details.firstName(), details.lastName(), details.phone(), details.jobTitle(), company, now);
        if (details.consent() != null) {
            contact.recordConsent(details.consent(), now);
        }
        return contacts.save(contact);
    }
}
