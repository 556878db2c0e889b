package io.dealflow.process;

import io.dealflow.followup.FollowUpService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Send meeting confirmation" (asynchronous, retried on the model's cycle; see FollowUpService). */
@Component("sendMeetingConfirmation")
public class SendMeetingConfirmationDelegate implements JavaDelegate {

    private final FollowUpService followUps;

    public SendMeetingConfirmationDelegate(FollowUpService followUps) {
        this.followUps = followUps;
    }

    @Override
    public void execute(DelegateExecution execution) {
        followUps.sendMeetingConfirmation(SalesInstance.dealId(execution));
    }
}
