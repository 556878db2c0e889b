package io.dealflow.contact;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import java.time.Duration;
import java.time.Instant;

/**
 * Double opt-in: a known person without marketing consent asked for it on the public form. The consent is
 * granted only when the link with this token, sent to their address, is confirmed.
 */
@Entity
public class ConsentConfirmation {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "consent_confirmation_seq")
    @SequenceGenerator(name = "consent_confirmation_seq", sequenceName = "consent_confirmation_seq", allocationSize = 1)
    private Long id;
    private Long contactId;
    private String token;
    /** The wording the person agreed to on the form; it is what the consent records once confirmed. */
    private String consentText;
    private Instant requestedAt;
    private Instant confirmedAt;

    protected ConsentConfirmation() {
    }

    ConsentConfirmation(Long contactId, String token, String consentText, Instant now) {
        this.contactId = contactId;
        this.token = token;
        this.consentText = consentText;
        this.requestedAt = now;
    }

    boolean isOpen(Duration validFor, Instant now) {
        return confirmedAt == null && requestedAt.plus(validFor).isAfter(now);
    }

    void confirmed(Instant now) {
        confirmedAt = now;
    }

    public Long getId() {
        return id;
    }

    public Long getContactId() {
        return contactId;
    }

    public String getToken() {
        return token;
    }

    public String getConsentText() {
        return consentText;
    }

    public Instant getConfirmedAt() {
        return confirmedAt;
    }
}
