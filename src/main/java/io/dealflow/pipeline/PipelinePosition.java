package io.dealflow.pipeline;

import io.dealflow.deal.DealChanged;
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
    public static Optional<PipelinePosition> of(DealChanged.State deal) {
        if (deal.status() != DealStatus.OPEN || deal.stageKey() == null) {
            return Optional.empty();
        }
        return Optional.of(new PipelinePosition(deal.stageKey(), deal.stageName(), deal.currency(),
                ownerKey(deal.owner()), deal.amount(), deal.stageEnteredAt().getEpochSecond()));
    }

    /** A team deal (no owner) is counted under the owner "" in {@code stage_total}, whose key cannot be null. */
    static String ownerKey(String owner) {
        return owner == null ? "" : owner;
    }

    String row() {
        return stageKey + '\u0000' + currency + '\u0000' + owner;
    }
}
