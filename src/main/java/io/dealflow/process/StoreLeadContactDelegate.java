package io.dealflow.process;

import io.dealflow.company.CompanyRepository;
import io.dealflow.contact.ContactService;
import io.dealflow.lead.LeadSubmission;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** "Store contact" of the lead process: the person with this email in any spelling, completed and consenting. */
@Component("storeLeadContact")
public class StoreLeadContactDelegate implements JavaDelegate {

    private final ContactService contacts;
    private final CompanyRepository companies;

    public StoreLeadContactDelegate(ContactService contacts, CompanyRepository companies) {
        this.contacts = contacts;
        this.companies = companies;
    }

    @Override
    public void execute(DelegateExecution execution) {
        LeadSubmission submission = (LeadSubmission) execution.getVariable(LeadSubmission.VARIABLE);
        Long companyId = (Long) execution.getVariable(LeadVariables.COMPANY_ID);
        var company = companyId == null ? null : companies.getReferenceById(companyId);
        Long contactId = contacts.findOrCreate(submission.contact(), company, ClockUtil.now().toInstant()).getId();
        execution.setVariable(LeadVariables.CONTACT_ID, contactId);
    }
}
