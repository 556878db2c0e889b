package io.dealflow.process.lead;

import io.dealflow.lead.LeadService;
import io.dealflow.lead.LeadSubmission;
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
        LeadSubmission submission = LeadVariables.submission(execution);
        var lead = leads.record(LeadVariables.contactId(execution), LeadVariables.companyId(execution), submission,
                execution.getProcessInstanceId(), ClockUtil.now().toInstant());
        LeadVariables.setLeadId(execution, lead.getId());
        LeadVariables.setAnswers(execution, submission.answers().asVariables());
        LeadVariables.setMeetingAt(execution, submission.meetingAt());
    }
}
