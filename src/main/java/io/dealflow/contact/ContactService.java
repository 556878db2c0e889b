package io.dealflow.contact;

import io.dealflow.company.Company;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

@Service
public class ContactService {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ContactRepository contacts;
    private final ApplicationEventPublisher events;

    public ContactService(ContactRepository contacts, ApplicationEventPublisher events) {
        this.contacts = contacts;
        this.events = events;
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
        contact.useTimeZone(details.timeZone(), now);
        return contacts.save(contact);
    }

    /**
     * From a page anybody can post to: a new person is stored as submitted (with their consent); a known one is
     * left exactly as stored, since anybody can type anybody's email address.
     */
    @Transactional
    public Contact findOrCreateAsStored(ContactDetails details, Company company, Instant now) {
        return contacts.findByEmail(EmailAddresses.normalize(details.email()))
                .orElseGet(() -> findOrCreate(details, company, now));
    }

    /** The stored contact with this email in any case or spacing. */
    @Transactional(readOnly = true)
    public Optional<Contact> findByEmail(String email) {
        return contacts.findByEmail(EmailAddresses.normalize(email));
    }

    /**
     * A permanent delivery failure of {@code address}: answers its contact when this marked it (once per address),
     * empty when no contact has it or it was marked already.
     */
    @Transactional
    public Optional<Contact> markUndeliverable(String address, String reason, Instant now) {
        return findByEmail(address).filter(contact -> contact.markUndeliverable(address, reason, now));
    }

    /**
     * The contact's unsubscribe token, created on first use. Committed at once: the link goes out in an email,
     * so it must keep working even if the job that sent the email is rolled back afterwards.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public String unsubscribeToken(Long contactId) {
        Contact contact = find(contactId);
        if (contact.getUnsubscribeToken() == null) {
            byte[] secret = new byte[32];
            RANDOM.nextBytes(secret);
            contact.useUnsubscribeToken(Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
        }
        return contact.getUnsubscribeToken();
    }

    /** Whose unsubscribe link this is, changing nothing (what a GET of the link may do). */
    @Transactional(readOnly = true)
    public Optional<Contact> byUnsubscribeToken(String token) {
        return contacts.findByUnsubscribeToken(token);
    }

    /** The contact the token belongs to, now without marketing consent; empty for a token nobody has. */
    @Transactional
    public Optional<Contact> unsubscribe(String token, Instant now) {
        Optional<Contact> contact = contacts.findByUnsubscribeToken(token);
        contact.filter(Contact::mayReceiveMarketing).ifPresent(found -> {
            found.unsubscribe(now);
            events.publishEvent(new ConsentWithdrawn(found.getId()));
        });
        return contact;
    }

    @Transactional(readOnly = true)
    public Optional<ContactView> viewByEmail(String email) {
        return contacts.findByEmail(EmailAddresses.normalize(email)).map(ContactView::of);
    }

    @Transactional(readOnly = true)
    public ContactView view(Long contactId) {
        return ContactView.of(find(contactId));
    }

    @Transactional
    public ContactView recordConsent(Long contactId, MarketingConsent consent, Instant now) {
        Contact contact = find(contactId);
        boolean withdrawn = contact.mayReceiveMarketing() && !consent.isGranted();
        contact.recordConsent(consent, now);
        if (withdrawn) {
            events.publishEvent(new ConsentWithdrawn(contactId));
        }
        return ContactView.of(contact);
    }

    /** The zone the contact's automatic emails are timed in (an IANA id); null clears it. */
    @Transactional
    public ContactView changeTimeZone(Long contactId, String timeZone, Instant now) {
        Contact contact = find(contactId);
        contact.changeTimeZone(TimeZones.checked("timeZone", timeZone), now);
        return ContactView.of(contact);
    }

    /** The contact's time zone (an IANA id), empty when none is known or there is no such contact. */
    @Transactional(readOnly = true)
    public Optional<String> timeZoneOf(Long contactId) {
        return contacts.findById(contactId).map(Contact::getTimeZone);
    }

    private Contact find(Long contactId) {
        return contacts.findById(contactId).orElseThrow(() -> new ContactNotFoundException(contactId));
    }

    /** The contact's company, loaded (null when none is known). */
    @Transactional(readOnly = true)
    public Company companyOf(Long contactId) {
        Company company = find(contactId).getCompany();
        if (company != null) {
            company.getName();
        }
        return company;
    }

    @Transactional(readOnly = true)
    public Contact get(Long contactId) {
        return find(contactId);
    }
}
