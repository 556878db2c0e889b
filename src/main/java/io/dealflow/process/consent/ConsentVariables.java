package io.dealflow.process.consent;

import io.dealflow.contact.ConsentConfirmations;
import io.dealflow.followup.LockedEmailTask;

/**
 * The variables of the consent confirmation process, as {@code LeadService} starts it: the confirmation's id and
 * the lead's id, references only.
 */
public final class ConsentVariables {

    public static final String CONFIRMATION_ID = ConsentConfirmations.VARIABLE;
    public static final String LEAD_ID = "leadId";

    private ConsentVariables() {
    }

    public static Long confirmationId(LockedEmailTask task) {
        return (Long) task.variable(CONFIRMATION_ID);
    }

    public static Long leadId(LockedEmailTask task) {
        return (Long) task.variable(LEAD_ID);
    }
}
