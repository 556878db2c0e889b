package io.dealflow.process.sales;

import io.dealflow.deal.Deal;
import io.dealflow.deal.DealService;
import io.dealflow.deal.StageOutcome;
import io.dealflow.stage.StageDue;
import io.dealflow.stage.StageTracker;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Date;
import io.dealflow.deal.MonthlyValue;
import io.dealflow.web.DecimalBounds;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Attached by {@link SalesModelParseListener} to every user task of the sales process, so every stage a
 * process owner draws is tracked without code: it records the deal entering and leaving the stage, checks
 * the rep's decision, takes over the answers that belong to the deal record, and makes whoever the stage is
 * assigned to (a claim, an unclaim, an assignment in Tasklist or through the API) the deal's owner.
 */
@Component
public class StageTaskListener implements TaskListener {

    private final StageTracker tracker;
    private final DealService deals;

    // lazy: the engine's parse listener needs this bean before the engine that the services use exists
    public StageTaskListener(@Lazy StageTracker tracker, @Lazy DealService deals) {
        this.tracker = tracker;
        this.deals = deals;
    }

    @Override
    public void notify(DelegateTask task) {
        switch (task.getEventName()) {
            case EVENTNAME_CREATE -> entered(task);
            case EVENTNAME_ASSIGNMENT -> deals.ownerIs(dealOf(task), task.getAssignee());
            case EVENTNAME_COMPLETE -> completed(task);
            case EVENTNAME_DELETE -> tracker.left(task.getId(), now(), currentUser(task), "cancelled");
            default -> { }
        }
    }

    private void entered(DelegateTask task) {
        // each stage asks anew: a decision taken in the previous stage must not carry over
        SalesVariables.removeOutcome(task.getExecution());
        deals.enterStage(dealOf(task), task.getTaskDefinitionKey(), task.getName(), task.getCreateTime().toInstant());
        tracker.entered(dealOf(task), task.getTaskDefinitionKey(), task.getName(), task.getId(),
                task.getCreateTime().toInstant());
        StageDue.setOn(task);
    }

    private void completed(DelegateTask task) {
        StageOutcome outcome = StageOutcome.require(task.getName(), SalesVariables.outcome(task),
                SalesVariables.lostReason(task), SalesVariables.lostNote(task));
        Deal deal = deals.recordStageAnswers(dealOf(task), amount(SalesVariables.monthlyAmount(task)),
                date(SalesVariables.decisionDate(task)));
        SalesVariables.setDeal(task.getExecution(), deal);
        String by = currentUser(task);
        tracker.left(task.getId(), now(), by != null ? by : task.getAssignee(), outcome.value());
    }

    private static Long dealOf(DelegateTask task) {
        return SalesVariables.dealId(task.getExecution());
    }

    private static String currentUser(DelegateTask task) {
        Authentication authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        return authentication == null ? null : authentication.getUserId();
    }

    private static Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }

    private static BigDecimal amount(Object value) {
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        try {
            BigDecimal amount = new BigDecimal(value.toString().trim());
            if (amount.signum() < 0) {
                throw new BadUserRequestException(SalesVariables.MONTHLY_AMOUNT + " must not be negative (was " + value + ")");
            }
            // checked before anything scales it: 1E500000000 would cost minutes of rounding
            if (!DecimalBounds.isReasonable(amount) || amount.precision() - amount.scale() > MonthlyValue.INTEGER_DIGITS) {
                throw new BadUserRequestException(SalesVariables.MONTHLY_AMOUNT + " must have at most " + MonthlyValue.INTEGER_DIGITS
                        + " digits before the decimal point");
            }
            return amount;
        } catch (NumberFormatException e) {
            throw new BadUserRequestException(SalesVariables.MONTHLY_AMOUNT + " must be a number (was " + value + ")");
        }
    }

    private static LocalDate date(Object value) {
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        if (value instanceof Date date) {
            return date.toInstant().atZone(java.time.ZoneOffset.UTC).toLocalDate();
        }
        try {
            String text = value.toString().trim();
            return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
        } catch (DateTimeParseException e) {
            throw new BadUserRequestException(SalesVariables.DECISION_DATE + " must be a date like 2026-12-31 (was " + value + ")");
        }
    }
}
