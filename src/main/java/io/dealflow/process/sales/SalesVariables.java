package io.dealflow.process.sales;

import io.dealflow.deal.Deal;
import io.dealflow.followup.LockedEmailTask;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * The deal of a sales process instance is the one its business key names (its reference, set by "Open deal";
 * changing a business key needs rights nobody but an administrator has). Never a variable: a rep may write
 * variables when completing a stage.
 */
final class SalesVariables {

    private SalesVariables() {
    }

    static Long dealId(DelegateExecution execution) {
        return Deal.idOf(execution.getProcessBusinessKey());
    }

    static Long dealId(LockedEmailTask task) {
        return Deal.idOf(task.businessKey());
    }
}
