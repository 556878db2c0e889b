package io.dealflow.process.lead;

import io.dealflow.lead.LeadService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** "Record rejection": sales sent the lead back with a reason; it is counted in GET /api/handoff. */
@Component("recordRejection")
public class RecordRejection implements JavaDelegate {

    private final LeadService leads;

    public RecordRejection(LeadService leads) {
        this.leads = leads;
    }

    @Override
    public void execute(DelegateExecution execution) {
        leads.reject((Long) execution.getVariable(LeadVariables.LEAD_ID),
                String.valueOf(execution.getVariable(LeadVariables.REJECT_REASON)),
                (String) execution.getVariable(LeadVariables.REJECT_NOTE),
                (String) execution.getVariable(LeadVariables.DECIDED_BY), ClockUtil.now().toInstant());
    }
}
