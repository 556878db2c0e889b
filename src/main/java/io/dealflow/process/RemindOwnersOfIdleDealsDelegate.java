package io.dealflow.process;

import io.dealflow.followup.IdleDealWatch;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Remind owners of idle deals" in the idle deal watch; the counts stay on the instance for Cockpit. */
@Component("remindOwnersOfIdleDeals")
public class RemindOwnersOfIdleDealsDelegate implements JavaDelegate {

    private final IdleDealWatch watch;

    public RemindOwnersOfIdleDealsDelegate(IdleDealWatch watch) {
        this.watch = watch;
    }

    @Override
    public void execute(DelegateExecution execution) {
        IdleDealWatch.Result result = watch.remindAndEscalate();
        execution.setVariable("ownersReminded", result.reminded());
        execution.setVariable("dealsEscalated", result.escalated());
    }
}
