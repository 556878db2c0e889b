package io.dealflow.company;

import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class CompanyService {

    private final CompanyRepository companies;

    public CompanyService(CompanyRepository companies) {
        this.companies = companies;
    }

    /**
     * The company with this domain (or one of its parent domains: eu.acme.example is Acme's), or without a
     * domain the one with this name; created when there is none.
     */
    @Transactional
    public Company findOrCreate(String name, String domainInput, Instant now) {
        String domain = Domains.normalize(domainInput);
        if (domain != null) {
            return known(domain).orElseGet(() -> companies.save(new Company(name.trim(), domain, now)));
        }
        return companies.findFirstByDomainIsNullAndNameIgnoreCase(name.trim())
                .orElseGet(() -> companies.save(new Company(name.trim(), null, now)));
    }

    /**
     * A lead's company: by its website, else by the domain of the person's email unless that is a free-mail
     * provider (gmail.com and the like never make a company), else by the name given; none when nothing is known.
     */
    @Transactional
    public Optional<Company> findOrCreateForLead(String name, String website, String email, Instant now) {
        String domain = Domains.normalize(website);
        if (domain == null) {
            String emailDomain = Domains.normalize(email);
            domain = Domains.isFreeMail(emailDomain) || !Domains.isValid(emailDomain) ? null : emailDomain;
        }
        boolean named = name != null && !name.isBlank();
        if (domain == null && !named) {
            return Optional.empty();
        }
        return Optional.of(findOrCreate(named ? name : domain, domain, now));
    }

    private Optional<Company> known(String domain) {
        Optional<Company> exact = companies.findByDomain(domain);
        if (exact.isPresent()) {
            return exact;
        }
        for (String parent : Domains.parents(domain)) {
            Optional<Company> company = companies.findByDomain(parent);
            if (company.isPresent()) {
                return company;
            }
        }
        return Optional.empty();
    }
}
