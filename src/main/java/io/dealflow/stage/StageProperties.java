package io.dealflow.stage;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * The one reader of a stage's extension properties in the model ({@code camunda:property} on its user task):
 * used when the model is deployed, which refuses a value that means nothing, and when stages are read at run
 * time, so both always agree.
 *
 * @param probability chance of winning from this stage, 0..1; 0 when not given
 * @param idleLimit after this long in the stage the deal is idle and its owner is reminded; null: never
 * @param escalationLimit after this long the management group is told; twice the idle limit when not given
 */
public record StageProperties(BigDecimal probability, Duration idleLimit, Duration escalationLimit) {

    public static final String PROBABILITY = "probability";
    public static final String IDLE_LIMIT = "idleLimit";
    public static final String ESCALATION_LIMIT = "escalationLimit";

    /**
     * Reads the properties by name (others are ignored).
     *
     * @throws IllegalArgumentException naming the property and saying what it must be
     */
    public static StageProperties parse(Map<String, String> properties) {
        BigDecimal probability = probability(properties.get(PROBABILITY));
        Duration idleLimit = duration(IDLE_LIMIT, properties.get(IDLE_LIMIT));
        Duration escalationLimit = duration(ESCALATION_LIMIT, properties.get(ESCALATION_LIMIT));
        if (escalationLimit == null && idleLimit != null) {
            escalationLimit = idleLimit.multipliedBy(2);
        }
        return new StageProperties(probability, idleLimit, escalationLimit);
    }

    private static BigDecimal probability(String value) {
        if (value == null) {
            return BigDecimal.ZERO;
        }
        try {
            BigDecimal probability = new BigDecimal(value.trim());
            if (probability.signum() < 0 || probability.compareTo(BigDecimal.ONE) > 0) {
                throw new IllegalArgumentException("probability " + value + ": it must be from 0 to 1, e.g. 0.25");
            }
            return probability;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("probability \"" + value + "\": it must be a number from 0 to 1");
        }
    }

    private static Duration duration(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Duration.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " \"" + value + "\": it must be an ISO-8601 duration in days"
                    + " or hours, e.g. P7D or PT36H");
        }
    }
}
