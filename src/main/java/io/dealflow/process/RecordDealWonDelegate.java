package io.dealflow.process;

import io.dealflow.deal.DealService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** "Record deal won". */
@Component("recordDealWon")
public class RecordDealWonDelegate implements JavaDelegate {

    private final DealService deals;

    public RecordDealWonDelegate(DealService deals) {
        this.deals = deals;
    }

    @Override
    public void execute(DelegateExecution execution) {
        deals.win(SalesInstance.dealId(execution), ClockUtil.now().toInstant());
    }
}
