package io.dealflow.pipeline;

import io.dealflow.deal.Deal;
import io.dealflow.deal.DealStatus;
import java.math.BigDecimal;
import java.util.Optional;

/** Where a deal counts in today's pipeline: an open deal in a stage, with its owner, value and entry time. */
public record PipelinePosition(String stageKey, String stageName, String currency, String owner, BigDecimal amount,
                               long enteredSecond) {

    /** Empty for a deal that counts nowhere: closed, or not yet in a stage. */
    public static Optional<PipelinePosition> of(Deal deal) {
        if (deal.getStatus() != DealStatus.OPEN || deal.getStageKey() == null) {
            return Optional.empty();
        }
        return Optional.of(new PipelinePosition(deal.getStageKey(), deal.getStageName(),
                deal.getMonthlyValue().getCurrency(), deal.getOwner(), deal.getMonthlyValue().getAmount(),
                deal.getStageEnteredAt().getEpochSecond()));
    }

    String row() {
        return stageKey + '\u0000' + currency + '\u0000' + owner;
    }
}
