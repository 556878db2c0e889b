package io.dealflow.process.sales;

import io.dealflow.deal.Deal;
import io.dealflow.deal.DealOpening;
import io.dealflow.deal.DealVariables;
import io.dealflow.followup.FollowUpKind;
import io.dealflow.followup.LockedEmailTask;
import io.dealflow.deal.StageOutcome;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.Variables;

/**
 * The variables of the sales process, one place for their names and types. The deal's own variables (id, owner,
 * meeting, what the stage forms show) are {@link DealVariables}, as {@code DealService} writes them too; the
 * stage's decision is {@link StageOutcome}'s.
 *
 * <p>The deal of a sales process instance is the one its business key names (its reference, set by "Open deal";
 * changing a business key needs rights nobody but an administrator has). Never a variable: a rep may write
 * variables when completing a stage.
 */
public final class SalesVariables {

    /** What the deal is opened with: transient, only "Store company", "Store contacts" and "Open deal" read it. */
    public static final String OPENING = DealOpening.VARIABLE;
    /**
     * Transient, like the contacts' ids: only handed on to "Store contacts" and "Open deal" in the same
     * transaction, never stored in the engine (a stored variable cost three inserts per opening: runtime,
     * history and its detail).
     */
    public static final String COMPANY_ID = "companyId";
    /** Transient: the ids are only handed on to "Open deal", never stored in the engine. */
    public static final String CONTACT_IDS = "contactIds";
    /** The stage's decision, "advance" or "lost": the "Advance?" gateways read it. */
    public static final String OUTCOME = StageOutcome.VARIABLE;
    public static final String LOST_REASON = StageOutcome.LOST_REASON;
    public static final String LOST_NOTE = StageOutcome.LOST_NOTE;
    /** Optional answers of a stage form that change the deal record. */
    public static final String MONTHLY_AMOUNT = "monthlyAmount";
    public static final String DECISION_DATE = "decisionDate";
    /** Input parameter of the proposal follow-up tasks: the kind of follow-up, and so its templates. */
    public static final String FOLLOW_UP = "followUp";

    private SalesVariables() {
    }

    public static Long dealId(DelegateExecution execution) {
        return Deal.idOf(execution.getProcessBusinessKey());
    }

    public static Long dealId(LockedEmailTask task) {
        return Deal.idOf(task.businessKey());
    }

    /** The deal's variables, after "Open deal" and after every stage (see {@link DealVariables#of(Deal)}). */
    public static void setDeal(VariableScope scope, Deal deal) {
        scope.setVariables(DealVariables.of(deal));
    }

    public static DealOpening opening(VariableScope scope) {
        return (DealOpening) scope.getVariable(OPENING);
    }

    public static Long companyId(VariableScope scope) {
        return (Long) scope.getVariable(COMPANY_ID);
    }

    public static void setCompanyId(VariableScope scope, Long companyId) {
        scope.setVariable(COMPANY_ID, Variables.longValue(companyId, true));
    }

    @SuppressWarnings("unchecked")
    public static List<Long> contactIds(VariableScope scope) {
        return (List<Long>) scope.getVariable(CONTACT_IDS);
    }

    public static void setContactIds(VariableScope scope, List<Long> contactIds) {
        scope.setVariable(CONTACT_IDS, Variables.objectValue(contactIds, true).create());
    }

    /** Clears the previous stage's decision: each stage asks anew. */
    public static void removeOutcome(VariableScope scope) {
        scope.removeVariable(OUTCOME);
        scope.removeVariable(LOST_REASON);
        scope.removeVariable(LOST_NOTE);
    }

    public static Object outcome(VariableScope scope) {
        return scope.getVariable(OUTCOME);
    }

    public static Object lostReason(VariableScope scope) {
        return scope.getVariable(LOST_REASON);
    }

    public static Object lostNote(VariableScope scope) {
        return scope.getVariable(LOST_NOTE);
    }

    public static Object monthlyAmount(VariableScope scope) {
        return scope.getVariable(MONTHLY_AMOUNT);
    }

    public static Object decisionDate(VariableScope scope) {
        return scope.getVariable(DECISION_DATE);
    }

    public static FollowUpKind followUp(LockedEmailTask task) {
        return FollowUpKind.valueOf(String.valueOf(task.variable(FOLLOW_UP)));
    }
}
