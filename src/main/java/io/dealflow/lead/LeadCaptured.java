package io.dealflow.lead;

/** The answer to a lead submission: who it is, how it qualified, and the deal when one is open. */
public record LeadCaptured(Long leadId, Long contactId, Long companyId, String outcome, String segment,
                           LeadStatus status, Long dealId, boolean created) {
}
