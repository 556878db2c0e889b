package io.dealflow.pipeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.List;

/**
 * GET /api/pipeline/forecast: the open deals' weighted value by the month their decision is expected
 * (the "Expected decision date" of a stage form); {@code month} null gathers the deals without one. The values sum
 * only the known ones; {@code unvaluedCount} of the {@code count} deals have no value yet.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Forecast(String currency, String owner, List<Month> months) {

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Month(String month, long count, BigDecimal value, BigDecimal weightedValue, long unvaluedCount) {
    }
}
