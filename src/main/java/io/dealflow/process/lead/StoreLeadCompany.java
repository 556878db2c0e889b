package io.dealflow.process.lead;

import io.dealflow.company.Company;
import io.dealflow.lead.LeadParties;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** "Store lead's company": by website, by the email's domain unless free-mail, or by name;
 * from the public form, a known person's company as stored. */
@Component("storeLeadCompany")
public class StoreLeadCompany implements JavaDelegate {

    private final LeadParties parties;

    public StoreLeadCompany(LeadParties parties) {
        this.parties = parties;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Long companyId = parties.company(LeadVariables.submission(execution), ClockUtil.now().toInstant())
                .map(Company::getId).orElse(null);
        LeadVariables.setCompanyId(execution, companyId);
    }
}
