package io.dealflow.process.lead;

import io.dealflow.lead.LeadService;
import io.dealflow.lead.LeadSubmission;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** "Record lead": the contact's lead with this submission's answers; the answers become the table's inputs. */
@Component("recordLead")
public class RecordLead implements JavaDelegate {

    private final LeadService leads;

    public RecordLead(LeadService leads) {
        this.leads = leads;
    }

    @Override
    public void execute(DelegateExecution execution) {
        LeadSubmission submission = (LeadSubmission) execution.getVariable(LeadSubmission.VARIABLE);
        var lead = leads.record((Long) execution.getVariable(LeadVariables.CONTACT_ID),
                (Long) execution.getVariable(LeadVariables.COMPANY_ID), submission, execution.getProcessInstanceId(), ClockUtil.now().toInstant());
        execution.setVariable(LeadVariables.LEAD_ID, lead.getId());
        execution.setVariables(submission.answers().asVariables());
        execution.setVariable(LeadVariables.MEETING_AT,
                submission.meetingAt() == null ? null : Date.from(submission.meetingAt()));
    }
}
