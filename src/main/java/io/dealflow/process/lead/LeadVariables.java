package io.dealflow.process.lead;

import io.dealflow.followup.FollowUpKind;
import io.dealflow.followup.LockedEmailTask;
import io.dealflow.lead.LeadSubmission;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * The variables of the lead process, one place for their names and types: references and qualification answers
 * only, no personal data (but for the lead's name and contact details that "Book the meeting" shows, erased with
 * the person). Readers and writers take a {@link VariableScope} (an execution or a task) or a
 * {@link LockedEmailTask}.
 */
public final class LeadVariables {

    /** The submission the process started with (or was correlated with): transient, never stored. */
    public static final String SUBMISSION = LeadSubmission.VARIABLE;
    public static final String LEAD_ID = "leadId";
    public static final String CONTACT_ID = "contactId";
    public static final String COMPANY_ID = "companyId";
    /**
     * The decision table's result as lead process versions before 2026-11-30 stored it ("Qualify lead"'s result
     * variable); the current one maps the table's outputs to {@link #OUTCOME} and {@link #SEGMENT} instead.
     */
    public static final String QUALIFICATION = "qualification";
    /** SQL or MQL, from the decision table ("Qualify lead"'s output mapping): the gateway "Qualified as?" reads it. */
    public static final String OUTCOME = "outcome";
    public static final String SEGMENT = "segment";
    /** The open deal the person is already in, or null: the gateway "Already in an open deal?" reads it. */
    public static final String OPEN_DEAL_ID = "openDealId";
    public static final String DEAL_ID = "dealId";
    /** The booked meeting, or null: the gateway "Meeting time given?" reads it. */
    public static final String MEETING_AT = "meetingAt";
    /** Answers of the task "Book the meeting": accept or reject, the gateway "Accepted?" reads it. */
    public static final String DECISION = "decision";
    public static final String ACCEPT = "accept";
    public static final String REJECT = "reject";
    public static final String REJECT_REASON = "rejectReason";
    public static final String REJECT_NOTE = "rejectNote";
    /** The length of the hand-off's reject_note column. */
    public static final int REJECT_NOTE_MAX_LENGTH = 1000;
    public static final String DECIDED_BY = "decidedBy";
    /** What "Book the meeting" shows of the lead (read-only). */
    public static final String LEAD_NAME = "leadName";
    public static final String LEAD_EMAIL = "leadEmail";
    public static final String LEAD_PHONE = "leadPhone";
    public static final String LEAD_COMPANY = "leadCompany";
    /** Input parameter of the nurture email tasks: the kind of email, and so its templates. */
    public static final String FOLLOW_UP = "followUp";

    private LeadVariables() {
    }

    public static LeadSubmission submission(VariableScope scope) {
        return (LeadSubmission) scope.getVariable(SUBMISSION);
    }

    public static Long leadId(VariableScope scope) {
        return (Long) scope.getVariable(LEAD_ID);
    }

    public static Long leadId(LockedEmailTask task) {
        return (Long) task.variable(LEAD_ID);
    }

    public static void setLeadId(VariableScope scope, Long leadId) {
        scope.setVariable(LEAD_ID, leadId);
    }

    public static Long contactId(VariableScope scope) {
        return (Long) scope.getVariable(CONTACT_ID);
    }

    public static Long contactId(LockedEmailTask task) {
        return (Long) task.variable(CONTACT_ID);
    }

    public static void setContactId(VariableScope scope, Long contactId) {
        scope.setVariable(CONTACT_ID, contactId);
    }

    /** The lead's company, or null (a free-mail address without a company name). */
    public static Long companyId(VariableScope scope) {
        return (Long) scope.getVariable(COMPANY_ID);
    }

    /** Read by the next two tasks only: transient (the lead's row keeps the company). */
    public static void setCompanyId(VariableScope scope, Long companyId) {
        setTransient(scope, COMPANY_ID, companyId);
    }

    /**
     * The qualification answers, the decision table's inputs: transient, as the table reads them in the same
     * transaction, its history keeps them (Cockpit, "Decision instances") and the lead's row keeps the latest.
     */
    public static void setAnswers(VariableScope scope, Map<String, Object> answers) {
        answers.forEach((name, value) -> setTransient(scope, name, value));
    }

    public static String outcome(VariableScope scope) {
        return String.valueOf(tableOutput(scope, OUTCOME));
    }

    public static String segment(VariableScope scope) {
        return (String) tableOutput(scope, SEGMENT);
    }

    /** An output of the decision table: in the result map of an earlier version's instance, else mapped by name. */
    private static Object tableOutput(VariableScope scope, String output) {
        return scope.getVariable(QUALIFICATION) instanceof Map<?, ?> earlier ? earlier.get(output)
                : scope.getVariable(output);
    }

    /** Whether this is an instance of a version that stored the table's result in {@link #QUALIFICATION}. */
    public static boolean qualifiedByEarlierVersion(VariableScope scope) {
        return scope.getVariable(QUALIFICATION) instanceof Map<?, ?>;
    }

    public static void setQualified(VariableScope scope, String outcome, Object segment) {
        scope.setVariable(OUTCOME, outcome);
        scope.setVariable(SEGMENT, segment);
    }

    /** Also the deal of the lead: the one the person is in already, null when sales has to book the meeting. */
    public static void setOpenDealId(VariableScope scope, Long openDealId) {
        scope.setVariable(OPEN_DEAL_ID, openDealId);
        scope.setVariable(DEAL_ID, openDealId);
    }

    public static void setDealId(VariableScope scope, Long dealId) {
        scope.setVariable(DEAL_ID, dealId);
    }

    public static void setLeadDetails(VariableScope scope, String name, String email, String phone, String company) {
        scope.setVariable(LEAD_NAME, name);
        scope.setVariable(LEAD_EMAIL, email);
        scope.setVariable(LEAD_PHONE, phone == null ? "" : phone);
        scope.setVariable(LEAD_COMPANY, company == null ? "" : company);
    }

    public static Instant meetingAt(VariableScope scope) {
        return meetingAt(scope.getVariable(MEETING_AT));
    }

    /**
     * As a Date, so that the gateways and Tasklist read it as a date. Transient: the gateway "Meeting time given?"
     * and "Open deal for lead" read it in the same transaction; "Book the meeting" asks for one of its own.
     */
    public static void setMeetingAt(VariableScope scope, Instant meetingAt) {
        setTransient(scope, MEETING_AT, meetingAt == null ? null : Date.from(meetingAt));
    }

    /** From the API a Date; from the form "2026-12-03T10:00Z", "2026-12-03T10:00+01:00" or "2026-12-03T10:00" (UTC). */
    static Instant meetingAt(Object value) {
        if (value == null || value instanceof String text && text.isBlank()) {
            return null;
        }
        if (value instanceof Date date) {
            return date.toInstant();
        }
        String text = value.toString().trim();
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException unreadable) {
                throw new IllegalArgumentException("meetingAt \"" + text + "\" is not a date and time such as "
                        + "2026-12-03T10:00Z", unreadable);
            }
        }
    }

    /** As the form left it: "accept", "reject" or anything else (refused by "Book the meeting"'s listener). */
    public static Object decision(VariableScope scope) {
        return scope.getVariable(DECISION);
    }

    public static Object rejectReason(VariableScope scope) {
        return scope.getVariable(REJECT_REASON);
    }

    public static Object rejectNote(VariableScope scope) {
        return scope.getVariable(REJECT_NOTE);
    }

    public static String decidedBy(VariableScope scope) {
        return (String) scope.getVariable(DECIDED_BY);
    }

    public static void setDecidedBy(VariableScope scope, String userId) {
        scope.setVariable(DECIDED_BY, userId);
    }

    /**
     * A variable the process reads in this transaction only, so not stored (three rows fewer each: the variable,
     * its history and the history of its update). An instance started before it was transient keeps it stored:
     * the engine refuses to turn a stored variable transient.
     */
    private static void setTransient(VariableScope scope, String name, Object value) {
        TypedValue stored = scope.getVariableTyped(name, false);
        scope.setVariable(name, stored != null && !stored.isTransient() ? value : Variables.untypedValue(value, true));
    }

    public static FollowUpKind followUp(LockedEmailTask task) {
        return FollowUpKind.valueOf(String.valueOf(task.variable(FOLLOW_UP)));
    }
}
