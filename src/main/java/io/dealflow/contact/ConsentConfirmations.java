package io.dealflow.contact;

import io.dealflow.settings.DealflowProperties;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Double opt-in for a person we know who asks for marketing email on the public form: a random token goes to
 * their address, and consent is granted (with the form's wording, source {@value #CONFIRMED_SOURCE}) only when
 * that link is confirmed. Only a POST confirms: mail scanners follow the link with GET.
 */
@Service
public class ConsentConfirmations {

    public static final String CONFIRMED_SOURCE = "lead-form (confirmed)";
    /** The process that sends the confirmation email (bpmn/consent-confirmation.bpmn) and its variable. */
    public static final String PROCESS_KEY = "consent-confirmation";
    public static final String VARIABLE = "confirmationId";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ConsentConfirmationRepository confirmations;
    private final ContactService contacts;
    private final Duration validFor;

    public ConsentConfirmations(ConsentConfirmationRepository confirmations, ContactService contacts,
                                DealflowProperties settings) {
        this.confirmations = confirmations;
        this.contacts = contacts;
        this.validFor = settings.leadForm().confirmationValidFor();
    }

    /**
     * A confirmation to send, or empty when the person consents already or an open one was sent before: asking
     * again within its validity sends nothing, so the form cannot be used to flood someone's mailbox.
     */
    @Transactional
    public Optional<ConsentConfirmation> request(Long contactId, String consentText, Instant now) {
        if (contacts.get(contactId).mayReceiveMarketing()) {
            return Optional.empty();
        }
        boolean pending = confirmations.findFirstByContactIdAndConfirmedAtIsNullOrderByRequestedAtDesc(contactId)
                .filter(open -> open.isOpen(validFor, now)).isPresent();
        if (pending) {
            return Optional.empty();
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return Optional.of(confirmations.save(new ConsentConfirmation(contactId, token, consentText, now)));
    }

    /** The confirmation of this token if it can still be confirmed (or was confirmed); changes nothing. */
    @Transactional(readOnly = true)
    public Optional<ConsentConfirmation> find(String token, Instant now) {
        return confirmations.findByToken(token)
                .filter(found -> found.getConfirmedAt() != null || found.isOpen(validFor, now));
    }

    /** Grants the consent; confirming twice changes nothing. Empty for an unknown or expired token. */
    @Transactional
    public Optional<ConsentConfirmation> confirm(String token, Instant now) {
        Optional<ConsentConfirmation> found = find(token, now);
        found.filter(open -> open.getConfirmedAt() == null).ifPresent(open -> {
            open.confirmed(now);
            contacts.recordConsent(open.getContactId(),
                    new MarketingConsent(true, now, CONFIRMED_SOURCE, open.getConsentText()), now);
        });
        return found;
    }

    @Transactional(readOnly = true)
    public ConsentConfirmation get(Long id) {
        return confirmations.findById(id).orElseThrow();
    }
}
