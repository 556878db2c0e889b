package io.dealflow.process.lead;

import io.dealflow.company.Company;
import io.dealflow.lead.LeadParties;
import io.dealflow.lead.LeadSubmission;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** "Store company" of the lead process: by website, by the email's domain unless free-mail, or by name;
 * from the public form, a known person's company as stored. */
@Component("storeLeadCompany")
public class StoreLeadCompany implements JavaDelegate {

    private final LeadParties parties;

    public StoreLeadCompany(LeadParties parties) {
        this.parties = parties;
    }

    @Override
    public void execute(DelegateExecution execution) {
        LeadSubmission submission = (LeadSubmission) execution.getVariable(LeadSubmission.VARIABLE);
        Long companyId = parties.company(submission, ClockUtil.now().toInstant()).map(Company::getId).orElse(null);
        execution.setVariable(LeadVariables.COMPANY_ID, companyId);
    }
}
