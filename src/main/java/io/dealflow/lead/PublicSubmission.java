package io.dealflow.lead;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * What a person sent through the public form, as they sent it: kept on their lead for a person to review,
 * because a public submission never changes the stored contact or company (anybody can type anybody's email).
 */
@Entity
@Table(name = "lead_submission")
public class PublicSubmission {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "lead_submission_seq")
    @SequenceGenerator(name = "lead_submission_seq", sequenceName = "lead_submission_seq", allocationSize = 1)
    private Long id;
    private Long leadId;
    private Instant submittedAt;
    private String source;
    private String email;
    private String firstName;
    private String lastName;
    private String company;
    private String website;
    private String jobTitle;
    private String phone;
    private boolean consentAsked;

    protected PublicSubmission() {
    }

    PublicSubmission(Long leadId, LeadSubmission submission, Instant now) {
        this.leadId = leadId;
        this.submittedAt = now;
        this.source = submission.source();
        this.email = submission.contact().email();
        this.firstName = submission.contact().firstName();
        this.lastName = submission.contact().lastName();
        this.company = submission.companyName();
        this.website = submission.website();
        this.jobTitle = submission.contact().jobTitle();
        this.phone = submission.contact().phone();
        this.consentAsked = submission.asksConsent();
    }

    public LeadView.Submitted view() {
        return new LeadView.Submitted(submittedAt, source, email, firstName, lastName, company, website, jobTitle,
                phone, consentAsked);
    }
}
