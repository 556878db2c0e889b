package io.dealflow.deal;

import java.util.Arrays;
import java.util.Optional;

/** Why a deal was lost. The stage forms in bpmn/*.form offer exactly these values. */
public enum LostReason {
    NO_BUDGET,
    CHOSE_COMPETITOR,
    NO_DECISION,
    BAD_TIMING,
    NOT_A_FIT,
    OTHER;

    public static Optional<LostReason> parse(Object value) {
        return Arrays.stream(values()).filter(reason -> reason.name().equals(value)).findFirst();
    }
}
