package io.dealflow.process.lead;

import io.dealflow.lead.LeadService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** "Record qualification": the decision table's outcome (SQL or MQL) and segment, mapped by "Qualify lead", on the lead. */
@Component("recordQualification")
public class RecordQualification implements JavaDelegate {

    private final LeadService leads;

    public RecordQualification(LeadService leads) {
        this.leads = leads;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String outcome = LeadVariables.outcome(execution);
        String segment = LeadVariables.segment(execution);
        leads.qualified(LeadVariables.leadId(execution), outcome, segment, ClockUtil.now().toInstant());
        if (LeadVariables.qualifiedByEarlierVersion(execution)) {
            // its gateway reads the outcome that this task used to set
            LeadVariables.setQualified(execution, outcome, segment);
        }
    }
}
