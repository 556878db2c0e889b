package io.dealflow.company;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface CompanyRepository extends JpaRepository<Company, Long> {

    Optional<Company> findByDomain(String domain);

    Optional<Company> findFirstByDomainIsNullAndNameIgnoreCase(String name);
}
