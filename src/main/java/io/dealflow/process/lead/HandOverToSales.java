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
        Long openDealId = leads.handOver(LeadVariables.leadId(execution), ClockUtil.now().toInstant()).orElse(null);
        LeadVariables.setOpenDealId(execution, openDealId);
        if (openDealId == null) {
            // what the rep sees in "Book the meeting" (read-only); erased with the person (DELETE /api/contacts/{id})
            Long contactId = LeadVariables.contactId(execution);
            var contact = contacts.get(contactId);
            var company = contacts.companyOf(contactId);
            LeadVariables.setLeadDetails(execution, contact.displayName(), contact.getEmail(), contact.getPhone(),
                    company == null ? null : company.getName());
        }
    }
}
