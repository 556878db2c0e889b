package io.dealflow.pipeline;

import io.dealflow.deal.Deal;
import io.dealflow.deal.DealStatus;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * Where a deal counts in today's pipeline: an open deal in a stage, with its owner, value (null: not known yet) and
 * entry time.
 */
public record PipelinePosition(String stageKey, String stageName, String currency, String owner, BigDecimal amount,
                               long enteredSecond) {

    /** Empty for a deal that counts nowhere: closed, or not yet in a stage. */
    public static Optional<PipelinePosition> of(Deal deal) {
        if (deal.getStatus() != DealStatus.OPEN || deal.getStageKey() == null) {
            return Optional.empty();
        }
        return Optional.of(new PipelinePosition(deal.getStageKey(), deal.getStageName(),
                deal.getMonthlyValue().getCurrency(), ownerKey(deal.getOwner()), deal.getMonthlyValue().getAmount(),
                deal.getStageEnteredAt().getEpochSecond()));
    }

    /** A team deal (no owner) is counted under the owner "" in {@code stage_total}, whose key cannot be null. */
    static String ownerKey(String owner) {
        return owner == null ? "" : owner;
    }

    String row() {
        return stageKey + '\u0000' + currency + '\u0000' + owner;
    }
}
