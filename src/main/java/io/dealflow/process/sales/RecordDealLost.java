package io.dealflow.process.sales;

import io.dealflow.deal.DealService;
import io.dealflow.deal.LostReason;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** "Record deal lost": with the reason the rep chose on the stage form. */
@Component("recordDealLost")
public class RecordDealLost implements JavaDelegate {

    private final DealService deals;

    public RecordDealLost(DealService deals) {
        this.deals = deals;
    }

    @Override
    public void execute(DelegateExecution execution) {
        LostReason reason = LostReason.parse(SalesVariables.lostReason(execution)).orElse(LostReason.OTHER);
        deals.lose(SalesVariables.dealId(execution), reason, (String) SalesVariables.lostNote(execution),
                ClockUtil.now().toInstant());
    }
}
