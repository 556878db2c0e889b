package io.dealflow.process.sales;

import io.dealflow.followup.EmailTask;
import io.dealflow.followup.FollowUpSender;
import io.dealflow.followup.FollowUpService;
import java.util.Map;
import io.dealflow.followup.LockedEmailTask;
import org.springframework.stereotype.Component;

/** "Send closing email": the note to the decision makers of a lost deal (see FollowUpService#closingNotes). */
@Component("sendClosingEmail")
public class SendClosingEmail implements EmailTask {

    private final FollowUpService followUps;
    private final FollowUpSender sender;

    public SendClosingEmail(FollowUpService followUps, FollowUpSender sender) {
        this.followUps = followUps;
        this.sender = sender;
    }

    @Override
    public Map<String, Object> work(LockedEmailTask task, Runnable beforeEachEmail) {
        sender.deliver(followUps.closingNotes(SalesVariables.dealId(task)), beforeEachEmail);
        return Map.of();
    }
}
