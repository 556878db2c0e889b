package io.dealflow.process;

import io.dealflow.lead.LeadService;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** "Open deal" of the lead process: starts the sales process at its first stage with the booked meeting. */
@Component("openDealForLead")
public class OpenDealForLeadDelegate implements JavaDelegate {

    private final LeadService leads;

    public OpenDealForLeadDelegate(LeadService leads) {
        this.leads = leads;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Long dealId = leads.openDeal((Long) execution.getVariable(LeadVariables.LEAD_ID),
                (String) execution.getVariable(LeadVariables.DECIDED_BY),
                meetingAt(execution.getVariable(LeadVariables.MEETING_AT)), ClockUtil.now().toInstant());
        execution.setVariable(LeadVariables.DEAL_ID, dealId);
    }

    /** From the API a Date; from the form a "2026-12-03T10:00" (UTC) or an ISO instant. */
    static Instant meetingAt(Object value) {
        if (value == null || value instanceof String text && text.isBlank()) {
            return null;
        }
        if (value instanceof Date date) {
            return date.toInstant();
        }
        String text = value.toString().trim();
        try {
            return Instant.parse(text);
        } catch (java.time.format.DateTimeParseException notAnInstant) {
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        }
    }
}
