package io.dealflow.lead;

import io.dealflow.contact.ContactDetails;
import java.time.Instant;

/**
 * One submission of a lead (web form, API call, import row). It reaches the lead process's service tasks as a
 * transient variable, so the personal data in it is never stored in the engine; our tables keep it.
 * {@code source}: "api", "import", "reply", or {@value #PUBLIC_FORM}.
 */
public record LeadSubmission(ContactDetails contact, String companyName, String website, QualificationAnswers answers,
                             Instant meetingAt, String source) {

    public static final String VARIABLE = "submission";
    /** The source of a submission through the public lead form, which anybody can post to. */
    public static final String PUBLIC_FORM = "lead-form";

    /** From the public form: it may add a person, but never change one we know (see {@link LeadParties}). */
    public boolean isPublic() {
        return PUBLIC_FORM.equals(source);
    }

    /** The person ticked the consent box (a lead without consent is refused before it becomes a submission). */
    public boolean asksConsent() {
        return contact.consent() != null && contact.consent().isGranted();
    }
}
