package io.dealflow.process.sales;

import io.dealflow.deal.DealService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** "Record deal won". */
@Component("recordDealWon")
public class RecordDealWon implements JavaDelegate {

    private final DealService deals;

    public RecordDealWon(DealService deals) {
        this.deals = deals;
    }

    @Override
    public void execute(DelegateExecution execution) {
        deals.win(SalesVariables.dealId(execution), ClockUtil.now().toInstant());
    }
}
