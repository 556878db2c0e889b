package io.dealflow.company;

import java.time.Instant;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class CompanyService {

    private final CompanyRepository companies;

    public CompanyService(CompanyRepository companies) {
        this.companies = companies;
    }

    /** The company with this domain (or, without a domain, this name), created when there is none. */
    @Transactional
    public Company findOrCreate(String name, String domainInput, Instant now) {
        String domain = Domains.normalize(domainInput);
        if (domain != null) {
            return companies.findByDomain(domain)
                    .orElseGet(() -> companies.save(new Company(name.trim(), domain, now)));
        }
        return companies.findFirstByDomainIsNullAndNameIgnoreCase(name.trim())
                .orElseGet(() -> companies.save(new Company(name.trim(), null, now)));
    }
}
