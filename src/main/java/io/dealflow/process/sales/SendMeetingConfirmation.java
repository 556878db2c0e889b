package io.dealflow.process.sales;

import io.dealflow.followup.EmailTask;
import io.dealflow.followup.FollowUpSender;
import io.dealflow.followup.DealContactEmails;
import java.util.Map;
import io.dealflow.followup.LockedEmailTask;
import org.springframework.stereotype.Component;

/** "Send meeting confirmation": a confirmation with a calendar invite to each contact of the deal. */
@Component("sendMeetingConfirmation")
public class SendMeetingConfirmation implements EmailTask {

    private final DealContactEmails emails;
    private final FollowUpSender sender;

    public SendMeetingConfirmation(DealContactEmails emails, FollowUpSender sender) {
        this.emails = emails;
        this.sender = sender;
    }

    @Override
    public Map<String, Object> work(LockedEmailTask task, Runnable beforeEachEmail) {
        sender.deliver(emails.meetingConfirmations(SalesVariables.dealId(task)), beforeEachEmail);
        return Map.of();
    }
}
