package io.dealflow.company;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import java.time.Instant;

@Entity
public class Company {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "company_seq")
    @SequenceGenerator(name = "company_seq", sequenceName = "company_seq", allocationSize = 50) // V17: blocks of 50
    private Long id;

    private String name;

    /** Normalized: lower case, no scheme, no "www.", no path. Unique when present. */
    private String domain;

    private Instant createdAt;

    protected Company() {
    }

    public Company(String name, String domain, Instant createdAt) {
        this.name = name;
        this.domain = domain;
        this.createdAt = createdAt;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getDomain() {
        return domain;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
