package io.dealflow.process.sales;

import io.dealflow.followup.EmailTask;
import io.dealflow.followup.FollowUpSender;
import io.dealflow.followup.FollowUpService;
import java.util.Map;
import io.dealflow.followup.LockedEmailTask;
import org.springframework.stereotype.Component;

/** "Send welcome email": a welcome to each contact of a won deal. */
@Component("sendWelcomeEmail")
public class SendWelcomeEmail implements EmailTask {

    private final FollowUpService followUps;
    private final FollowUpSender sender;

    public SendWelcomeEmail(FollowUpService followUps, FollowUpSender sender) {
        this.followUps = followUps;
        this.sender = sender;
    }

    @Override
    public Map<String, Object> work(LockedEmailTask task, Runnable beforeEachEmail) {
        sender.deliver(followUps.welcomes(SalesVariables.dealId(task)), beforeEachEmail);
        return Map.of();
    }
}
