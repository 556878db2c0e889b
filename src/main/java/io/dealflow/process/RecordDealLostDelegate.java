package io.dealflow.process;

import io.dealflow.deal.DealService;
import io.dealflow.deal.LostReason;
import io.dealflow.deal.StageOutcome;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** "Record deal lost": with the reason the rep chose on the stage form. */
@Component("recordDealLost")
public class RecordDealLostDelegate implements JavaDelegate {

    private final DealService deals;

    public RecordDealLostDelegate(DealService deals) {
        this.deals = deals;
    }

    @Override
    public void execute(DelegateExecution execution) {
        LostReason reason = LostReason.parse(execution.getVariable(StageOutcome.LOST_REASON)).orElse(LostReason.OTHER);
        deals.lose(SalesInstance.dealId(execution), reason,
                (String) execution.getVariable(StageOutcome.LOST_NOTE), ClockUtil.now().toInstant());
    }
}
