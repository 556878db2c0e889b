package io.dealflow.contact;

/** What we are told about a person; consent is null when nothing was said about it. */
public record ContactDetails(String email, String firstName, String lastName, String phone, String jobTitle,
                             MarketingConsent consent) {
}
