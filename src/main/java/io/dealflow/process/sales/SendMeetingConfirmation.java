package io.dealflow.process.sales;

import io.dealflow.followup.EmailTask;
import io.dealflow.followup.FollowUpSender;
import io.dealflow.followup.FollowUpService;
import java.util.Map;
import io.dealflow.followup.LockedEmailTask;
import org.springframework.stereotype.Component;

/** "Send meeting confirmation": a confirmation with a calendar invite to each contact of the deal. */
@Component("sendMeetingConfirmation")
public class SendMeetingConfirmation implements EmailTask {

    private final FollowUpService followUps;
    private final FollowUpSender sender;

    public SendMeetingConfirmation(FollowUpService followUps, FollowUpSender sender) {
        this.followUps = followUps;
        this.sender = sender;
    }

    @Override
    public Map<String, Object> work(LockedEmailTask task, Runnable beforeEachEmail) {
        sender.deliver(followUps.meetingConfirmations(SalesVariables.dealId(task)), beforeEachEmail);
        return Map.of();
    }
}
