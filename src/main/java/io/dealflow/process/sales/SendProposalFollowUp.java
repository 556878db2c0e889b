package io.dealflow.process.sales;

import io.dealflow.followup.EmailTask;
import io.dealflow.followup.FollowUpSender;
import io.dealflow.followup.DealContactEmails;
import java.util.Map;
import io.dealflow.followup.LockedEmailTask;
import org.springframework.stereotype.Component;

/**
 * "Send proposal follow-up" and "Send second proposal follow-up": the task's input parameter {@code followUp}
 * names the kind of follow-up, and so its templates (e.g. PROPOSAL_SECOND_FOLLOW_UP).
 */
@Component("sendProposalFollowUp")
public class SendProposalFollowUp implements EmailTask {

    private final DealContactEmails emails;
    private final FollowUpSender sender;

    public SendProposalFollowUp(DealContactEmails emails, FollowUpSender sender) {
        this.emails = emails;
        this.sender = sender;
    }

    @Override
    public Map<String, Object> work(LockedEmailTask task, Runnable beforeEachEmail) {
        sender.deliver(emails.stageFollowUps(SalesVariables.dealId(task), SalesVariables.followUp(task)),
                beforeEachEmail);
        return Map.of();
    }
}
