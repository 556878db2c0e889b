package io.dealflow.process.sales;

import io.dealflow.company.CompanyRepository;
import io.dealflow.contact.ContactRepository;
import io.dealflow.deal.Deal;
import io.dealflow.deal.DealOpening;
import io.dealflow.deal.DealService;
import io.dealflow.deal.DealVariables;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** "Open deal": stores the deal and makes its reference the process's business key. */
@Component("openDeal")
public class OpenDeal implements JavaDelegate {

    private final DealService deals;
    private final CompanyRepository companies;
    private final ContactRepository contacts;

    public OpenDeal(DealService deals, CompanyRepository companies, ContactRepository contacts) {
        this.deals = deals;
        this.companies = companies;
        this.contacts = contacts;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void execute(DelegateExecution execution) {
        DealOpening opening = (DealOpening) execution.getVariable(DealOpening.VARIABLE);
        var company = companies.getReferenceById((Long) execution.getVariable(StoreCompany.COMPANY_ID));
        var participants = ((List<Long>) execution.getVariable(StoreContacts.CONTACT_IDS)).stream()
                .map(contacts::getReferenceById)
                .toList();
        Deal deal = deals.create(opening, company, participants, execution.getProcessInstanceId(),
                ClockUtil.now().toInstant());
        execution.setProcessBusinessKey(deal.getReference());
        execution.setVariables(DealVariables.of(deal));
    }
}
