package io.dealflow.web;

import java.math.BigDecimal;

/**
 * Decimals a person could mean as an amount. {@code 1E500000000} is short to write but has 500 million digits:
 * scaling or formatting it (rounding to cents, bean validation's @Digits) runs for minutes, so such numbers are
 * refused before anything computes with them.
 */
public final class DecimalBounds {

    /** Digits before and after the decimal point: far beyond any amount, far below a costly number. */
    static final int MAX_DIGITS = 100;

    public static final String REFUSAL = "is out of range: at most " + MAX_DIGITS
            + " digits before and after the decimal point";

    private DecimalBounds() {
    }

    public static boolean isReasonable(BigDecimal value) {
        // precision - scale: digits before the point (negative for 0.000x); scale: digits after it
        return value.precision() - value.scale() <= MAX_DIGITS && value.scale() <= MAX_DIGITS;
    }
}
