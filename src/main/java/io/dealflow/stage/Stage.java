package io.dealflow.stage;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * A deal stage as the model defines it: a user task of the sales process with its extension properties
 * {@code probability} (chance of winning from here, 0..1) and {@code idleLimit} (ISO-8601 duration after
 * which a deal sitting in the stage is "rotting"). Either may be missing in a model: then probability is 0
 * and the limit is null.
 */
public record Stage(String key, String name, BigDecimal probability, Duration idleLimit) {
}
