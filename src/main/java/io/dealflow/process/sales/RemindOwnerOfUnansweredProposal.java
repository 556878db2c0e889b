package io.dealflow.process.sales;

import io.dealflow.followup.EmailTask;
import io.dealflow.followup.FollowUpKind;
import io.dealflow.followup.FollowUpSender;
import io.dealflow.followup.TeamNotices;
import java.util.Map;
import io.dealflow.followup.LockedEmailTask;
import org.springframework.stereotype.Component;

/** "Remind owner of unanswered proposal": an email to the deal's owner (stages are tasks, reminders are not). */
@Component("remindOwnerOfUnansweredProposal")
public class RemindOwnerOfUnansweredProposal implements EmailTask {

    private final TeamNotices notices;
    private final FollowUpSender sender;

    public RemindOwnerOfUnansweredProposal(TeamNotices notices, FollowUpSender sender) {
        this.notices = notices;
        this.sender = sender;
    }

    @Override
    public Map<String, Object> work(LockedEmailTask task, Runnable beforeEachEmail) {
        sender.deliver(notices.ownerReminders(SalesVariables.dealId(task), FollowUpKind.PROPOSAL_OWNER_REMINDER),
                beforeEachEmail);
        return Map.of();
    }
}
