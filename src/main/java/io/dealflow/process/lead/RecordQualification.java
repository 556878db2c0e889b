package io.dealflow.process.lead;

import io.dealflow.lead.LeadService;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** "Record qualification": the decision table's outcome (SQL or MQL) and segment, on the lead. */
@Component("recordQualification")
public class RecordQualification implements JavaDelegate {

    private final LeadService leads;

    public RecordQualification(LeadService leads) {
        this.leads = leads;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Map<String, Object> qualification = LeadVariables.qualification(execution);
        String outcome = String.valueOf(qualification.get("outcome"));
        leads.qualified(LeadVariables.leadId(execution), outcome, (String) qualification.get("segment"),
                ClockUtil.now().toInstant());
        LeadVariables.setQualified(execution, outcome, qualification.get("segment"));
    }
}
