package io.dealflow.company;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface CompanyRepository extends JpaRepository<Company, Long> {

    // JPQL rather than a derived query: Hibernate caches the plan of a query string, while a derived query's
    // criteria are translated anew on every call (a quarter of a deal opening's CPU went there)
    @Query("select c from Company c where c.domain = :domain")
    Optional<Company> findByDomain(String domain);

    Optional<Company> findFirstByDomainIsNullAndNameIgnoreCase(String name);
}
