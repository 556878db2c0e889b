package io.dealflow.process;

import io.dealflow.company.Company;
import io.dealflow.company.CompanyService;
import io.dealflow.lead.LeadSubmission;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** "Store company" of the lead process: by website, by the email's domain unless free-mail, or by name. */
@Component("storeLeadCompany")
public class StoreLeadCompanyDelegate implements JavaDelegate {

    private final CompanyService companies;

    public StoreLeadCompanyDelegate(CompanyService companies) {
        this.companies = companies;
    }

    @Override
    public void execute(DelegateExecution execution) {
        LeadSubmission submission = (LeadSubmission) execution.getVariable(LeadSubmission.VARIABLE);
        Long companyId = companies.findOrCreateForLead(submission.companyName(), submission.website(),
                submission.contact().email(), ClockUtil.now().toInstant()).map(Company::getId).orElse(null);
        execution.setVariable(LeadVariables.COMPANY_ID, companyId);
    }
}
