package io.dealflow.lead;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Version;
import java.time.Instant;

/** A person marketing is warming up for sales; one per contact, however often they come back. */
@Entity
public class Lead {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "lead_seq")
    @SequenceGenerator(name = "lead_seq", sequenceName = "lead_seq", allocationSize = 50) // V22: blocks of 50
    private Long id;
    private Long contactId;
    private Long companyId;
    @Enumerated(EnumType.STRING)
    private LeadStatus status = LeadStatus.NEW;
    private String outcome;
    private String segment;
    private Boolean budget;
    private Boolean authority;
    private Boolean need;
    private String timeline;
    private Integer employees;
    private String source;
    private int submissions = 1;
    private String processInstanceId;
    private Instant createdAt;
    private Instant updatedAt;
    @Version
    private long version;

    protected Lead() {
    }

    public Lead(Long contactId, Long companyId, String source, Instant now) {
        this.contactId = contactId;
        this.companyId = companyId;
        this.source = source;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** Another submission, form or import row: the latest answers count. */
    public void engaged(QualificationAnswers answers, Long companyId, String source, Instant now) {
        this.budget = answers.budget();
        this.authority = answers.authority();
        this.need = answers.need();
        this.timeline = answers.timeline();
        this.employees = answers.employees();
        if (companyId != null) {
            this.companyId = companyId;
        }
        if (source != null) {
            this.source = source;
        }
        this.updatedAt = now;
    }

    public void countSubmission() {
        submissions++;
    }

    public void runsIn(String processInstanceId) {
        this.processInstanceId = processInstanceId;
    }

    public void qualified(String outcome, String segment, Instant now) {
        this.outcome = outcome;
        this.segment = segment;
        this.updatedAt = now;
    }

    public void moveTo(LeadStatus status, Instant now) {
        this.status = status;
        this.updatedAt = now;
    }

    public QualificationAnswers answers() {
        return new QualificationAnswers(budget, authority, need, timeline, employees);
    }

    public Long getId() {
        return id;
    }

    public Long getContactId() {
        return contactId;
    }

    public Long getCompanyId() {
        return companyId;
    }

    public LeadStatus getStatus() {
        return status;
    }

    public String getOutcome() {
        return outcome;
    }

    public String getSegment() {
        return segment;
    }

    public String getSource() {
        return source;
    }

    public int getSubmissions() {
        return submissions;
    }

    public String getProcessInstanceId() {
        return processInstanceId;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
