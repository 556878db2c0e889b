package io.dealflow.process.lead;

import io.dealflow.lead.LeadService;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** "Open deal" of the lead process: starts the sales process at its first stage with the booked meeting. */
@Component("openDealForLead")
public class OpenDealForLead implements JavaDelegate {

    private final LeadService leads;

    public OpenDealForLead(LeadService leads) {
        this.leads = leads;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Long dealId = leads.openDeal((Long) execution.getVariable(LeadVariables.LEAD_ID),
                (String) execution.getVariable(LeadVariables.DECIDED_BY),
                meetingAt(execution.getVariable(LeadVariables.MEETING_AT)), ClockUtil.now().toInstant());
        execution.setVariable(LeadVariables.DEAL_ID, dealId);
    }

    /** From the API a Date; from the form "2026-12-03T10:00Z", "2026-12-03T10:00+01:00" or "2026-12-03T10:00" (UTC). */
    static Instant meetingAt(Object value) {
        if (value == null || value instanceof String text && text.isBlank()) {
            return null;
        }
        if (value instanceof Date date) {
            return date.toInstant();
        }
        String text = value.toString().trim();
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException unreadable) {
                throw new IllegalArgumentException("meetingAt \"" + text + "\" is not a date and time such as "
                        + "2026-12-03T10:00Z", unreadable);
            }
        }
    }
}
