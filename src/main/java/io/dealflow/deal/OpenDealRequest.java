package io.dealflow.deal;

import io.dealflow.contact.ContactDetails;
import io.dealflow.contact.EmailAddresses;
import io.dealflow.contact.MarketingConsent;
import io.dealflow.contact.TimeZones;
import io.dealflow.web.InvalidFieldException;
import io.dealflow.web.IsoCurrency;
import io.dealflow.web.KnownUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The body of POST /api/deals. */
public record OpenDealRequest(
        @NotBlank @Size(max = 200) String title,
        @NotNull @Valid Company company,
        @NotEmpty @Size(max = 20) List<@NotNull @Valid Contact> contacts,
        @Valid Money monthlyValue,
        @Size(max = 64) @KnownUser String owner,
        Instant meetingAt) {

    public record Company(@NotBlank @Size(max = 200) String name, @Size(max = 253) String domain) {
    }

    public record Contact(
            @NotBlank @Email @Size(max = 254) String email,
            @Size(max = 100) String firstName,
            @Size(max = 100) String lastName,
            @Size(max = 50) String phone,
            @Size(max = 150) String jobTitle,
            ContactRole role,
            @Valid Consent consent,
            @Size(max = TimeZones.MAX_LENGTH) String timeZone) {

        public Contact {
            // " Dana@Acme.example " is Dana's address too: spacing is not a reason to refuse it
            email = email == null ? null : email.trim();
        }
    }

    public record Consent(@NotNull Boolean marketing, @Size(max = 100) String source, @Size(max = 1000) String text) {
    }

    /** A null amount: the value is not known yet (so is an omitted or null monthlyValue). */
    public record Money(
            @DecimalMin(value = "0.00", message = "must not be negative")
            @Digits(integer = 13, fraction = 2) BigDecimal amount,
            @NotBlank @IsoCurrency String currency) {
    }

    /** The checks that need the whole request; bean validation has already passed. */
    public DealOpening toOpening(Instant now) {
        Set<String> emails = new HashSet<>();
        for (int i = 0; i < contacts.size(); i++) {
            if (!emails.add(EmailAddresses.normalize(contacts.get(i).email()))) {
                throw new InvalidFieldException("contacts[" + i + "].email", "is given twice in this deal");
            }
        }
        if (company.domain() != null && !company.domain().isBlank()
                && !io.dealflow.company.Domains.isValid(io.dealflow.company.Domains.normalize(company.domain()))) {
            throw new InvalidFieldException("company.domain", "is not a domain name such as acme.example");
        }
        List<DealOpening.Participant> participants = new ArrayList<>();
        for (int i = 0; i < contacts.size(); i++) {
            Contact c = contacts.get(i);
            participants.add(new DealOpening.Participant(new ContactDetails(c.email(), c.firstName(), c.lastName(),
                    c.phone(), c.jobTitle(), consent(c.consent(), now),
                    TimeZones.checked("contacts[" + i + "].timeZone", c.timeZone())),
                    c.role() == null ? ContactRole.OTHER : c.role()));
        }
        return new DealOpening(title, company.name(), company.domain(), participants,
                monthlyValue == null ? null : new MonthlyValue(monthlyValue.amount(), monthlyValue.currency()),
                owner == null || owner.isBlank() ? null : owner, meetingAt);
    }

    private static MarketingConsent consent(Consent consent, Instant now) {
        if (consent == null) {
            return null;
        }
        return consent.marketing()
                ? new MarketingConsent(true, now, consent.source(), consent.text())
                : MarketingConsent.none();
    }
}
