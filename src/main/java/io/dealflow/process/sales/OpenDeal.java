package io.dealflow.process.sales;

import io.dealflow.company.CompanyRepository;
import io.dealflow.contact.ContactRepository;
import io.dealflow.deal.Deal;
import io.dealflow.deal.DealOpening;
import io.dealflow.deal.DealService;
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
    public void execute(DelegateExecution execution) {
        DealOpening opening = SalesVariables.opening(execution);
        var company = companies.getReferenceById(SalesVariables.companyId(execution));
        var participants = SalesVariables.contactIds(execution).stream()
                .map(contacts::getReferenceById)
                .toList();
        Deal deal = deals.create(opening, company, participants, execution.getProcessInstanceId(),
                ClockUtil.now().toInstant());
        execution.setProcessBusinessKey(deal.getReference());
        SalesVariables.setDeal(execution, deal);
    }
}
