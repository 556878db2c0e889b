package io.dealflow.process.sales;

import io.dealflow.company.CompanyRepository;
import io.dealflow.contact.ContactService;
import io.dealflow.deal.DealOpening;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/** "Store contacts": creates each contact of the deal, or links the one that has the same email. */
@Component("storeContacts")
public class StoreContacts implements JavaDelegate {

    /** Transient: the ids are only handed on to "Open deal", never stored in the engine. */
    public static final String CONTACT_IDS = "contactIds";

    private final ContactService contacts;
    private final CompanyRepository companies;

    public StoreContacts(ContactService contacts, CompanyRepository companies) {
        this.contacts = contacts;
        this.companies = companies;
    }

    @Override
    public void execute(DelegateExecution execution) {
        DealOpening opening = (DealOpening) execution.getVariable(DealOpening.VARIABLE);
        var company = companies.getReferenceById((Long) execution.getVariable(StoreCompany.COMPANY_ID));
        var now = ClockUtil.now().toInstant();
        List<Long> ids = opening.contacts().stream()
                .map(participant -> contacts.findOrCreate(participant.details(), company, now).getId())
                .toList();
        execution.setVariable(CONTACT_IDS, Variables.objectValue(ids, true).create());
    }
}
