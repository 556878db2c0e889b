package io.dealflow.process.lead;

/** The variables of the lead process: references and qualification answers only, no personal data. */
final class LeadVariables {

    static final String LEAD_ID = "leadId";
    static final String CONTACT_ID = "contactId";
    static final String COMPANY_ID = "companyId";
    /** The decision table's result (outcome SQL/MQL, segment), from the business rule task "Qualify lead". */
    static final String QUALIFICATION = "qualification";
    static final String OUTCOME = "outcome";
    static final String OPEN_DEAL_ID = "openDealId";
    static final String DEAL_ID = "dealId";
    static final String MEETING_AT = "meetingAt";
    /** Answers of the task "Book the meeting". */
    static final String DECISION = "decision";
    static final String REJECT_REASON = "rejectReason";
    static final String REJECT_NOTE = "rejectNote";
    /** The length of the hand-off's reject_note column. */
    static final int REJECT_NOTE_MAX_LENGTH = 1000;
    static final String DECIDED_BY = "decidedBy";

    private LeadVariables() {
    }
}
