package io.dealflow.lead;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import java.util.Map;
import java.time.Instant;
import java.util.List;

/**
 * A lead as GET /api/leads/{id} shows it: where it stands, its latest answers, and what the person sent through
 * the public form ({@code publicSubmissions}, oldest first), which is not applied to the contact: review it there.
 * {@code undeliverable}: the person's address bounced permanently, no email goes to it until it changes. Then the
 * {@link LeadViewPart}s other features add (what the person wrote back).
 */
public record LeadView(Long id, Long contactId, Long companyId, LeadStatus status, String outcome, String segment,
                       QualificationAnswers answers, String source, int submissions, Instant createdAt,
                       Instant updatedAt, List<Submitted> publicSubmissions, boolean undeliverable,
                       @JsonAnyGetter Map<String, List<?>> parts) {

    public record Submitted(Instant submittedAt, String source, String email, String firstName, String lastName,
                            String company, String website, String jobTitle, String phone, boolean consentAsked) {
    }

    static LeadView of(Lead lead, List<Submitted> publicSubmissions, boolean undeliverable,
                       Map<String, List<?>> parts) {
        return new LeadView(lead.getId(), lead.getContactId(), lead.getCompanyId(), lead.getStatus(), lead.getOutcome(),
                lead.getSegment(), lead.answers(), lead.getSource(), lead.getSubmissions(), lead.getCreatedAt(),
                lead.getUpdatedAt(), publicSubmissions, undeliverable, parts);
    }
}
