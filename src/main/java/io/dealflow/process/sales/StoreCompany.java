package io.dealflow.process.sales;

import io.dealflow.company.Company;
import io.dealflow.company.CompanyService;
import io.dealflow.deal.DealOpening;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** "Store company": finds the deal's company by its domain, or creates it. */
@Component("storeCompany")
public class StoreCompany implements JavaDelegate {

    private final CompanyService companies;

    public StoreCompany(CompanyService companies) {
        this.companies = companies;
    }

    @Override
    public void execute(DelegateExecution execution) {
        DealOpening opening = SalesVariables.opening(execution);
        Company company = companies.findOrCreate(opening.companyName(), opening.companyDomain(),
                ClockUtil.now().toInstant());
        SalesVariables.setCompanyId(execution, company.getId());
    }
}
