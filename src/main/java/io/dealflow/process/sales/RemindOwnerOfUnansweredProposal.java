package io.dealflow.process.sales;

import io.dealflow.followup.EmailTask;
import io.dealflow.followup.FollowUpKind;
import io.dealflow.followup.FollowUpSender;
import io.dealflow.followup.FollowUpService;
import java.util.Map;
import io.dealflow.followup.LockedEmailTask;
import org.springframework.stereotype.Component;

/** "Remind owner of unanswered proposal": an email to the deal's owner (stages are tasks, reminders are not). */
@Component("remindOwnerOfUnansweredProposal")
public class RemindOwnerOfUnansweredProposal implements EmailTask {

    private final FollowUpService followUps;
    private final FollowUpSender sender;

    public RemindOwnerOfUnansweredProposal(FollowUpService followUps, FollowUpSender sender) {
        this.followUps = followUps;
        this.sender = sender;
    }

    @Override
    public Map<String, Object> work(LockedEmailTask task, Runnable beforeEachEmail) {
        sender.deliver(followUps.ownerReminders(SalesVariables.dealId(task), FollowUpKind.PROPOSAL_OWNER_REMINDER),
                beforeEachEmail);
        return Map.of();
    }
}
