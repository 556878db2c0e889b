package io.dealflow.process.lead;

import io.dealflow.company.CompanyRepository;
import io.dealflow.lead.LeadParties;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** "Store lead's contact": the person with this email in any spelling, completed and consenting;
 * from the public form, a known person as stored. */
@Component("storeLeadContact")
public class StoreLeadContact implements JavaDelegate {

    private final LeadParties parties;
    private final CompanyRepository companies;

    public StoreLeadContact(LeadParties parties, CompanyRepository companies) {
        this.parties = parties;
        this.companies = companies;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Long companyId = LeadVariables.companyId(execution);
        var company = companyId == null ? null : companies.getReferenceById(companyId);
        Long contactId = parties.contact(LeadVariables.submission(execution), company, ClockUtil.now().toInstant())
                .getId();
        LeadVariables.setContactId(execution, contactId);
    }
}
