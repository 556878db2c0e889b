package io.dealflow.deal;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.dealflow.stage.StageVisit;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A deal as the API shows it: its company, contacts, current stage and stage history, the rep's {@link NextStep},
 * then the {@link DealViewPart}s other features add (its follow-ups).
 */
public record DealView(Long id, String reference, String title, CompanyView company, List<ContactView> contacts,
                       MonthlyValueView monthlyValue, String owner, String stage, String stageKey,
                       Instant stageEnteredAt, DealStatus status, LostReason lostReason, String lostNote,
                       String processInstanceId, Instant meetingAt, LocalDate expectedDecisionOn, Instant openedAt,
                       Instant closedAt, List<StageVisitView> history, Instant stageDueAt, Instant nextStepAt,
                       boolean noNextStep,
                       @JsonAnyGetter Map<String, List<?>> parts) {

    public record CompanyView(Long id, String name, String domain) {
    }

    /** {@code undeliverable}: the address bounced permanently; no email goes to it until it changes. */
    public record ContactView(Long id, String email, String firstName, String lastName, ContactRole role,
                              boolean undeliverable) {
    }

    /** {@code amount} null (present, never left out): the value is not known yet. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record MonthlyValueView(BigDecimal amount, String currency) {
    }

    public record StageVisitView(String stage, String stageKey, Instant enteredAt, Instant leftAt, String movedBy,
                                 String outcome) {
    }

    static DealView of(Deal deal, List<StageVisit> visits, NextStep next, Map<String, List<?>> parts) {
        return new DealView(deal.getId(), deal.getReference(), deal.getTitle(),
                new CompanyView(deal.getCompany().getId(), deal.getCompany().getName(), deal.getCompany().getDomain()),
                deal.getContacts().stream().map(dc -> new ContactView(dc.getContact().getId(),
                        dc.getContact().getEmail(), dc.getContact().getFirstName(), dc.getContact().getLastName(),
                        dc.getRole(), !dc.getContact().isDeliverable())).toList(),
                new MonthlyValueView(deal.getMonthlyValue().getAmount(), deal.getMonthlyValue().getCurrency()),
                deal.getOwner(), deal.getStageName(), deal.getStageKey(), deal.getStageEnteredAt(), deal.getStatus(),
                deal.getLostReason(), deal.getLostNote(), deal.getProcessInstanceId(), deal.getMeetingAt(),
                deal.getExpectedDecisionOn(), deal.getOpenedAt(), deal.getClosedAt(),
                visits.stream().map(v -> new StageVisitView(v.getStageName(), v.getStageKey(), v.getEnteredAt(),
                        v.getLeftAt(), v.getMovedBy(), v.getOutcome())).toList(),
                next.stageDueAt(), next.nextStepAt(), next.noNextStep(), parts);
    }
}
