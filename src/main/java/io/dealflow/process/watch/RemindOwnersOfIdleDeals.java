package io.dealflow.process.watch;

import io.dealflow.followup.EmailTask;
import io.dealflow.followup.IdleDealWatch;
import java.util.Map;
import io.dealflow.followup.LockedEmailTask;
import org.springframework.stereotype.Component;

/** "Remind owners of idle deals" in the idle deal watch; the counts stay on the instance for Cockpit. */
@Component("remindOwnersOfIdleDeals")
public class RemindOwnersOfIdleDeals implements EmailTask {

    private final IdleDealWatch watch;

    public RemindOwnersOfIdleDeals(IdleDealWatch watch) {
        this.watch = watch;
    }

    @Override
    public Map<String, Object> work(LockedEmailTask task, Runnable beforeEachEmail) {
        IdleDealWatch.Result result = watch.remindAndEscalate(beforeEachEmail);
        return IdleDealWatchVariables.of(result);
    }
}
