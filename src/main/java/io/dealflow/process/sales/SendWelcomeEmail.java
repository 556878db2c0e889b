package io.dealflow.process.sales;

import io.dealflow.followup.EmailTask;
import io.dealflow.followup.FollowUpSender;
import io.dealflow.followup.DealContactEmails;
import java.util.Map;
import io.dealflow.followup.LockedEmailTask;
import org.springframework.stereotype.Component;

/** "Send welcome email": a welcome to each contact of a won deal. */
@Component("sendWelcomeEmail")
public class SendWelcomeEmail implements EmailTask {

    private final DealContactEmails emails;
    private final FollowUpSender sender;

    public SendWelcomeEmail(DealContactEmails emails, FollowUpSender sender) {
        this.emails = emails;
        this.sender = sender;
    }

    @Override
    public Map<String, Object> work(LockedEmailTask task, Runnable beforeEachEmail) {
        sender.deliver(emails.welcomes(SalesVariables.dealId(task)), beforeEachEmail);
        return Map.of();
    }
}
