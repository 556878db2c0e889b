package io.dealflow.process.sales;

import io.dealflow.company.CompanyRepository;
import io.dealflow.contact.ContactService;
import io.dealflow.deal.DealOpening;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** "Store contacts": creates each contact of the deal, or links the one that has the same email. */
@Component("storeContacts")
public class StoreContacts implements JavaDelegate {

    private final ContactService contacts;
    private final CompanyRepository companies;

    public StoreContacts(ContactService contacts, CompanyRepository companies) {
        this.contacts = contacts;
        this.companies = companies;
    }

    @Override
    public void execute(DelegateExecution execution) {
        DealOpening opening = SalesVariables.opening(execution);
        var company = companies.getReferenceById(SalesVariables.companyId(execution));
        var now = ClockUtil.now().toInstant();
        List<Long> ids = opening.contacts().stream()
                .map(participant -> contacts.findOrCreate(participant.details(), company, now).getId())
                .toList();
        SalesVariables.setContactIds(execution, ids);
    }
}
