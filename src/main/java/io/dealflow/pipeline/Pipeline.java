package io.dealflow.pipeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** GET /api/pipeline: the stages side by side, and under each the deals' total potential monthly value. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Pipeline(String process, String processName, Integer version, String currency, String owner,
                       Instant asOf, List<StageColumn> stages, Totals totals) {

    /**
     * One stage: its open deals, their total monthly value and the value weighted by the stage's probability,
     * the average days they have been in the stage and how many sit there past its idle limit. The values sum
     * only the known ones: {@code unvaluedCount} of the {@code count} deals have no value yet. {@code current}
     * is false for a stage of an older model version that still holds deals.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record StageColumn(String key, String name, long count, BigDecimal value, BigDecimal weightedValue,
                              BigDecimal probability, String idleLimit, BigDecimal averageDaysInStage, long idleCount,
                              long unvaluedCount, boolean current) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Totals(long count, BigDecimal value, BigDecimal weightedValue, long idleCount, long unvaluedCount) {
    }
}
