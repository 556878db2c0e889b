package io.dealflow.pipeline;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * GET /api/pipeline/funnel: for the deals opened in [from, to], how many reached each stage, the conversion
 * from each stage to the next, the win rate (won of those closed), the median days from opening to winning,
 * and the lost reasons, most frequent first.
 */
public record Funnel(LocalDate from, LocalDate to, String owner, long opened, long won, long lost,
                     BigDecimal winRate, BigDecimal medianDaysToWin, List<StageReach> stages,
                     List<LostReasonCount> lostReasons) {

    /** {@code conversion}: the share of the deals that reached this stage and also reached the next one. */
    public record StageReach(String key, String name, long reached, BigDecimal conversion) {
    }

    public record LostReasonCount(String reason, long count) {
    }
}
