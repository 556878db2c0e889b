package io.dealflow.deal;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An existing deal changed (stage, owner, value, status). Published in the transaction of the change, so what
 * follows the deal (the pipeline's running totals) changes with it or not at all.
 */
public record DealChanged(Long dealId, State before, State after) {

    /** What a deal looked like at one moment: the facts that others count or group by. */
    public record State(DealStatus status, String stageKey, String stageName, String currency, String owner,
                        BigDecimal amount, Instant stageEnteredAt) {

        static State of(Deal deal) {
            return new State(deal.getStatus(), deal.getStageKey(), deal.getStageName(),
                    deal.getMonthlyValue().getCurrency(), deal.getOwner(), deal.getMonthlyValue().getAmount(),
                    deal.getStageEnteredAt());
        }
    }
}
