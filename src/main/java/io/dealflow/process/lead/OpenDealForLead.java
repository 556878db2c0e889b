package io.dealflow.process.lead;

import io.dealflow.lead.LeadService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** "Open deal for lead": starts the sales process at its first stage with the booked meeting. */
@Component("openDealForLead")
public class OpenDealForLead implements JavaDelegate {

    private final LeadService leads;

    public OpenDealForLead(LeadService leads) {
        this.leads = leads;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Long dealId = leads.openDeal(LeadVariables.leadId(execution), LeadVariables.decidedBy(execution),
                LeadVariables.meetingAt(execution), ClockUtil.now().toInstant());
        LeadVariables.setDealId(execution, dealId);
    }
}
