package io.dealflow.followup;

import io.dealflow.deal.Deal;

/** One visit of a deal to its current stage: a deal that comes back to a stage is followed up again. */
final class StageVisit {

    private StageVisit() {
    }

    static String of(Deal deal) {
        return deal.getStageKey() + "@" + deal.getStageEnteredAt().getEpochSecond();
    }
}
