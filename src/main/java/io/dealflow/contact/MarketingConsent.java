package io.dealflow.contact;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.Instant;

/** Permission for marketing communication under GDPR: when it was given, where, and the wording shown. */
@Embeddable
public class MarketingConsent {

    @Column(name = "marketing_consent")
    private boolean granted;

    @Column(name = "consent_at")
    private Instant at;

    @Column(name = "consent_source")
    private String source;

    @Column(name = "consent_text")
    private String text;

    protected MarketingConsent() {
    }

    public MarketingConsent(boolean granted, Instant at, String source, String text) {
        this.granted = granted;
        this.at = at;
        this.source = source;
        this.text = text;
    }

    public static MarketingConsent none() {
        return new MarketingConsent(false, null, null, null);
    }

    public boolean isGranted() {
        return granted;
    }

    public Instant getAt() {
        return at;
    }

    public String getSource() {
        return source;
    }

    public String getText() {
        return text;
    }
}
