package io.dealflow.process.watch;

import io.dealflow.followup.IdleDealWatch;
import java.util.Map;

/**
 * The variables of the idle deal watch: none going in (the start timer starts it), and the counts of its sweep
 * coming out, kept on the instance for Cockpit.
 */
public final class IdleDealWatchVariables {

    public static final String OWNERS_REMINDED = "ownersReminded";
    public static final String DEALS_ESCALATED = "dealsEscalated";

    private IdleDealWatchVariables() {
    }

    /** What "Remind owners of idle deals" completes its task with. */
    public static Map<String, Object> of(IdleDealWatch.Result result) {
        return Map.of(OWNERS_REMINDED, result.reminded(), DEALS_ESCALATED, result.escalated());
    }
}
