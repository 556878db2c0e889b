package io.dealflow.deal;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.dealflow.followup.FollowUp;
import io.dealflow.followup.FollowUpKind;
import io.dealflow.followup.FollowUpStatus;
import io.dealflow.stage.StageVisit;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A deal as the API shows it: its company, contacts, current stage and stage history. */
public record DealView(Long id, String reference, String title, CompanyView company, List<ContactView> contacts,
                       MonthlyValueView monthlyValue, String owner, String stage, String stageKey,
                       Instant stageEnteredAt, DealStatus status, LostReason lostReason, String lostNote,
                       String processInstanceId, Instant meetingAt, LocalDate expectedDecisionOn, Instant openedAt,
                       Instant closedAt, List<StageVisitView> history, List<FollowUpView> followUps) {

    public record CompanyView(Long id, String name, String domain) {
    }

    public record ContactView(Long id, String email, String firstName, String lastName, ContactRole role) {
    }

    /** {@code amount} null (present, never left out): the value is not known yet. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record MonthlyValueView(BigDecimal amount, String currency) {
    }

    public record StageVisitView(String stage, String stageKey, Instant enteredAt, Instant leftAt, String movedBy,
                                 String outcome) {
    }

    /** An email the process composed for this deal, and whether it went out. */
    public record FollowUpView(FollowUpKind kind, String recipient, String subject, FollowUpStatus status,
                               Instant createdAt, Instant sentAt, String error, int attempts) {
    }

    static DealView of(Deal deal, List<StageVisit> visits, List<FollowUp> followUps) {
        return new DealView(deal.getId(), deal.getReference(), deal.getTitle(),
                new CompanyView(deal.getCompany().getId(), deal.getCompany().getName(), deal.getCompany().getDomain()),
                deal.getContacts().stream().map(dc -> new ContactView(dc.getContact().getId(),
                        dc.getContact().getEmail(), dc.getContact().getFirstName(), dc.getContact().getLastName(),
                        dc.getRole())).toList(),
                new MonthlyValueView(deal.getMonthlyValue().getAmount(), deal.getMonthlyValue().getCurrency()),
                deal.getOwner(), deal.getStageName(), deal.getStageKey(), deal.getStageEnteredAt(), deal.getStatus(),
                deal.getLostReason(), deal.getLostNote(), deal.getProcessInstanceId(), deal.getMeetingAt(),
                deal.getExpectedDecisionOn(), deal.getOpenedAt(), deal.getClosedAt(),
                visits.stream().map(v -> new StageVisitView(v.getStageName(), v.getStageKey(), v.getEnteredAt(),
                        v.getLeftAt(), v.getMovedBy(), v.getOutcome())).toList(),
                followUps.stream().map(f -> new FollowUpView(f.getKind(), f.getRecipient(), f.getSubject(),
                        f.getStatus(), f.getCreatedAt(), f.getSentAt(), f.getError(), f.getAttempts())).toList());
    }
}
