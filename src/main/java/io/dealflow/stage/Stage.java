package io.dealflow.stage;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/**
 * A deal stage as the model defines it: a user task of the sales process with its extension properties
 * {@code probability} (chance of winning from here, 0..1) and {@code idleLimit} (ISO-8601 duration after
 * which a deal sitting in the stage is "rotting": its owner is reminded) and {@code escalationLimit} (after
 * which the management group is told). Any may be missing in a model: then probability is 0, the idle limit
 * is null (never idle) and the escalation limit is twice the idle limit.
 */
public record Stage(String key, String name, BigDecimal probability, Duration idleLimit, Duration escalationLimit) {

    public Stage(String key, String name, BigDecimal probability, Duration idleLimit) {
        this(key, name, probability, idleLimit, idleLimit == null ? null : idleLimit.multipliedBy(2));
    }

    /** When a deal that entered this stage at {@code entered} turns idle; null for a stage that never does. */
    public Instant idleAt(Instant entered) {
        return idleLimit == null ? null : entered.plus(idleLimit);
    }
}
