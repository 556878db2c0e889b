package io.dealflow.process.lead;

import io.dealflow.contact.ContactService;
import io.dealflow.lead.LeadService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** "Hand over to sales": records the hand-off, or finds the open deal the person is already in. */
@Component("handOverToSales")
public class HandOverToSales implements JavaDelegate {

    private final LeadService leads;
    private final ContactService contacts;

    public HandOverToSales(LeadService leads, ContactService contacts) {
        this.leads = leads;
        this.contacts = contacts;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Long openDealId = leads.handOver((Long) execution.getVariable(LeadVariables.LEAD_ID),
                ClockUtil.now().toInstant()).orElse(null);
        execution.setVariable(LeadVariables.OPEN_DEAL_ID, openDealId);
        execution.setVariable(LeadVariables.DEAL_ID, openDealId);
        if (openDealId == null) {
            // what the rep sees in "Book the meeting" (read-only); erased with the person (DELETE /api/contacts/{id})
            Long contactId = (Long) execution.getVariable(LeadVariables.CONTACT_ID);
            var contact = contacts.get(contactId);
            var company = contacts.companyOf(contactId);
            execution.setVariable("leadName", contact.displayName());
            execution.setVariable("leadEmail", contact.getEmail());
            execution.setVariable("leadPhone", contact.getPhone() == null ? "" : contact.getPhone());
            execution.setVariable("leadCompany", company == null ? "" : company.getName());
        }
    }
}
