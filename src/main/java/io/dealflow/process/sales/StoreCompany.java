package io.dealflow.process.sales;

import io.dealflow.company.Company;
import io.dealflow.company.CompanyService;
import io.dealflow.deal.DealOpening;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/** "Store company": finds the deal's company by its domain, or creates it. */
@Component("storeCompany")
public class StoreCompany implements JavaDelegate {

    /**
     * Transient, like the contacts' ids: only handed on to "Store contacts" and "Open deal" in the same
     * transaction, never stored in the engine (a stored variable cost three inserts per opening: runtime,
     * history and its detail).
     */
    public static final String COMPANY_ID = "companyId";

    private final CompanyService companies;

    public StoreCompany(CompanyService companies) {
        this.companies = companies;
    }

    @Override
    public void execute(DelegateExecution execution) {
        DealOpening opening = (DealOpening) execution.getVariable(DealOpening.VARIABLE);
        Company company = companies.findOrCreate(opening.companyName(), opening.companyDomain(),
                ClockUtil.now().toInstant());
        execution.setVariable(COMPANY_ID, Variables.longValue(company.getId(), true));
    }
}
