package io.dealflow.lead;

import io.dealflow.company.Domains;
import io.dealflow.contact.ContactDetails;
import io.dealflow.contact.MarketingConsent;
import io.dealflow.contact.TimeZones;
import io.dealflow.web.InvalidFieldException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/** The body of POST /api/leads; also what a row of the CSV import and the public form become. */
public record LeadRequest(
        @NotBlank @Email @Size(max = 254) String email,
        @Size(max = 100) String firstName,
        @Size(max = 100) String lastName,
        @Size(max = 200) String company,
        @Size(max = 253) String website,
        @Size(max = 150) String jobTitle,
        @Size(max = 50) String phone,
        @Valid Consent consent,
        @Valid QualificationAnswers answers,
        Instant meetingAt,
        @Size(max = 100) String source,
        @Size(max = TimeZones.MAX_LENGTH) String timeZone) {

    public LeadRequest {
        email = email == null ? null : email.trim();
    }

    /** A lead whose time zone is not known (the public form, the CSV import). */
    public LeadRequest(String email, String firstName, String lastName, String company, String website,
                       String jobTitle, String phone, Consent consent, QualificationAnswers answers, Instant meetingAt,
                       String source) {
        this(email, firstName, lastName, company, website, jobTitle, phone, consent, answers, meetingAt, source, null);
    }

    public record Consent(Boolean marketing, @Size(max = 100) String source, @Size(max = 1000) String text) {
    }

    /**
     * GDPR: a lead becomes a contact only with explicit marketing consent and the wording that was shown;
     * without it the lead is refused (422) before anything is stored.
     */
    public LeadSubmission toSubmission(Instant now, String defaultSource) {
        if (consent == null || !Boolean.TRUE.equals(consent.marketing())) {
            throw new ConsentRequiredException("consent.marketing",
                    "explicit marketing consent is required: a lead without it is not stored");
        }
        if (consent.text() == null || consent.text().isBlank()) {
            throw new ConsentRequiredException("consent.text",
                    "the wording the person agreed to is required, to show what they consented to");
        }
        return submission(now, defaultSource, true);
    }

    /**
     * An imported person whose consent is not known (or who said no), taken because the person importing chose
     * so: stored without marketing consent, so no marketing email reaches them. A "no" is recorded as such (a
     * known person's consent is withdrawn); nothing said leaves a known person's consent as it is.
     */
    public LeadSubmission toSubmissionWithoutConsent(Instant now, String defaultSource) {
        return submission(now, defaultSource, false);
    }

    private LeadSubmission submission(Instant now, String defaultSource, boolean consenting) {
        if (website != null && !website.isBlank() && !Domains.isValid(Domains.normalize(website))) {
            throw new InvalidFieldException("website", "is not a web address, e.g. https://www.acme.example");
        }
        String from = source != null && !source.isBlank() ? source.trim() : defaultSource;
        String consentSource = consent != null && consent.source() != null && !consent.source().isBlank()
                ? consent.source().trim() : from;
        MarketingConsent given = consenting ? new MarketingConsent(true, now, consentSource, consent.text().trim())
                : consent != null && Boolean.FALSE.equals(consent.marketing())
                ? new MarketingConsent(false, now, consentSource, null) : null;
        ContactDetails details = new ContactDetails(email, blankToNull(firstName), blankToNull(lastName),
                blankToNull(phone), blankToNull(jobTitle), given, TimeZones.checked("timeZone", timeZone));
        return new LeadSubmission(details, blankToNull(company), blankToNull(website),
                answers == null ? QualificationAnswers.NONE : answers, meetingAt, from);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
