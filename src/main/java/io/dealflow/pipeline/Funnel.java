package io.dealflow.pipeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * GET /api/pipeline/funnel: for the deals opened in [from, to], how many reached each stage, the conversion
 * from each stage to the next, the win rate (won of those closed), the median days from opening to winning,
 * and the lost reasons, most frequent first.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Funnel(LocalDate from, LocalDate to, String owner, long opened, long won, long lost,
                     BigDecimal winRate, BigDecimal medianDaysToWin, List<StageReach> stages,
                     List<LostReasonCount> lostReasons) {

    /** {@code conversion}: the share of the deals that reached this stage and also reached the next one. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record StageReach(String key, String name, long reached, BigDecimal conversion) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record LostReasonCount(String reason, long count) {
    }
}
