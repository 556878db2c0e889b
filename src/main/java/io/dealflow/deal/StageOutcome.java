package io.dealflow.deal;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.BadUserRequestException;

/**
 * What the rep decided when completing a stage: advance the deal, or record it as lost with a reason.
 * The gateways after each stage read the variable {@code outcome}; the lost path reads {@code lostReason}.
 */
public enum StageOutcome {
    ADVANCE("advance"),
    LOST("lost");

    public static final String VARIABLE = "outcome";
    public static final String LOST_REASON = "lostReason";
    public static final String LOST_NOTE = "lostNote";
    /** The length of the deal's lost_note column. */
    public static final int LOST_NOTE_MAX_LENGTH = 2000;

    private final String value;

    StageOutcome(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    /** Refuses a stage completion that would leave the gateway or the lost path without an answer. */
    public static StageOutcome require(String stageName, Object outcome, Object lostReason, Object lostNote) {
        StageOutcome decided = Arrays.stream(values()).filter(o -> o.value.equals(outcome)).findFirst()
                .orElseThrow(() -> new BadUserRequestException("To complete \"" + stageName
                        + "\", set outcome to \"advance\" or \"lost\" (was " + outcome + ")"));
        if (decided == LOST && LostReason.parse(lostReason).isEmpty()) {
            throw new BadUserRequestException("A lost deal needs a lostReason, one of "
                    + Arrays.stream(LostReason.values()).map(Enum::name).collect(Collectors.joining(", "))
                    + " (was " + lostReason + ")");
        }
        if (lostNote != null && lostNote.toString().length() > LOST_NOTE_MAX_LENGTH) {
            throw new BadUserRequestException("lostNote must be at most " + LOST_NOTE_MAX_LENGTH + " characters");
        }
        return decided;
    }
}
