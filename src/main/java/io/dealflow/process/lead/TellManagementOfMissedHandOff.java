package io.dealflow.process.lead;

import io.dealflow.settings.DealflowProperties;
import io.dealflow.followup.EmailTask;
import io.dealflow.followup.FollowUpKind;
import io.dealflow.followup.FollowUpSender;
import io.dealflow.followup.TeamNotices;
import io.dealflow.lead.LeadService;
import java.util.Map;
import io.dealflow.followup.LockedEmailTask;
import org.springframework.stereotype.Component;

/** "Tell management of the missed hand-off": nobody booked the meeting within the SLA set by the timer. */
@Component("tellManagementOfMissedHandOff")
public class TellManagementOfMissedHandOff implements EmailTask {

    private final TeamNotices notices;
    private final FollowUpSender sender;
    private final LeadService leads;
    private final String group;

    public TellManagementOfMissedHandOff(TeamNotices notices, FollowUpSender sender, LeadService leads,
                                             DealflowProperties settings) {
        this.notices = notices;
        this.sender = sender;
        this.leads = leads;
        this.group = settings.escalationGroup();
    }

    @Override
    public Map<String, Object> work(LockedEmailTask task, Runnable beforeEachEmail) {
        Long leadId = LeadVariables.leadId(task);
        // once per hand-off: a lead handed over again after nurturing is escalated again if missed again
        sender.deliver(notices.aboutLead(leadId, LeadVariables.contactId(task),
                FollowUpKind.MISSED_HAND_OFF, group, "hand-off-" + leads.undecidedHandOff(leadId).orElse(0L)),
                beforeEachEmail);
        return Map.of();
    }
}
