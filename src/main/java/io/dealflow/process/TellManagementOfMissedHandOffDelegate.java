package io.dealflow.process;

import io.dealflow.followup.FollowUpKind;
import io.dealflow.followup.FollowUpService;
import io.dealflow.lead.LeadService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** "Tell management of the missed hand-off": nobody booked the meeting within the SLA set by the timer. */
@Component("tellManagementOfMissedHandOff")
public class TellManagementOfMissedHandOffDelegate implements JavaDelegate {

    private final FollowUpService followUps;
    private final LeadService leads;
    private final String group;

    public TellManagementOfMissedHandOffDelegate(FollowUpService followUps, LeadService leads,
                                                 @Value("${dealflow.escalation-group:management}") String group) {
        this.followUps = followUps;
        this.leads = leads;
        this.group = group;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Long leadId = (Long) execution.getVariable(LeadVariables.LEAD_ID);
        // once per hand-off: a lead handed over again after nurturing is escalated again if missed again
        followUps.tellGroupAboutLead(leadId, (Long) execution.getVariable(LeadVariables.CONTACT_ID),
                FollowUpKind.MISSED_HAND_OFF, group, "hand-off-" + leads.undecidedHandOff(leadId).orElse(0L));
    }
}
