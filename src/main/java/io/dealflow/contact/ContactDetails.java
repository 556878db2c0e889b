package io.dealflow.contact;

/**
 * What we are told about a person; consent is null when nothing was said about it, timeZone (an IANA id, checked
 * by {@link TimeZones}) when no zone was given.
 */
public record ContactDetails(String email, String firstName, String lastName, String phone, String jobTitle,
                             MarketingConsent consent, String timeZone) {

    public ContactDetails(String email, String firstName, String lastName, String phone, String jobTitle,
                          MarketingConsent consent) {
        this(email, firstName, lastName, phone, jobTitle, consent, null);
    }
}
