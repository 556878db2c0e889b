package io.dealflow.contact;

import java.time.Instant;

/** A contact as the API shows it, with its consent as recorded. */
public record ContactView(Long id, String email, String firstName, String lastName, String phone, String jobTitle,
                          CompanyView company, ConsentView consent, String timeZone, Instant createdAt,
                          Instant updatedAt) {

    public record CompanyView(Long id, String name, String domain) {
    }

    /** {@code marketing}: may we send marketing email; when, where and with which wording that was decided. */
    public record ConsentView(boolean marketing, Instant at, String source, String text) {
    }

    public static ContactView of(Contact contact) {
        var company = contact.getCompany();
        var consent = contact.getConsent();
        return new ContactView(contact.getId(), contact.getEmail(), contact.getFirstName(), contact.getLastName(),
                contact.getPhone(), contact.getJobTitle(),
                company == null ? null : new CompanyView(company.getId(), company.getName(), company.getDomain()),
                new ConsentView(consent.isGranted(), consent.getAt(), consent.getSource(), consent.getText()),
                contact.getTimeZone(), contact.getCreatedAt(), contact.getUpdatedAt());
    }
}
