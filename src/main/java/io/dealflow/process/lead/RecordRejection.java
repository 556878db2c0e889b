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
        leads.reject(LeadVariables.leadId(execution), String.valueOf(LeadVariables.rejectReason(execution)),
                (String) LeadVariables.rejectNote(execution), LeadVariables.decidedBy(execution),
                ClockUtil.now().toInstant());
    }
}
