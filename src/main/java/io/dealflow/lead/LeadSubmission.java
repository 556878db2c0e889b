package io.dealflow.lead;

import io.dealflow.contact.ContactDetails;
import java.time.Instant;

/**
 * One submission of a lead (web form, API call, import row). It reaches the lead process's service tasks as a
 * transient variable, so the personal data in it is never stored in the engine; our tables keep it.
 */
public record LeadSubmission(ContactDetails contact, String companyName, String website, QualificationAnswers answers,
                             Instant meetingAt, String source) {

    public static final String VARIABLE = "submission";
}
