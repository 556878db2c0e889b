package io.dealflow.process;

import io.dealflow.deal.DealService;
import io.dealflow.followup.FollowUpService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Send meeting confirmation" (asynchronous, retried on the model's cycle; see FollowUpService). */
@Component("sendMeetingConfirmation")
public class SendMeetingConfirmationDelegate implements JavaDelegate {

    private final FollowUpService followUps;
    private final DealService deals;

    public SendMeetingConfirmationDelegate(FollowUpService followUps, DealService deals) {
        this.followUps = followUps;
        this.deals = deals;
    }

    @Override
    public void execute(DelegateExecution execution) {
        followUps.sendMeetingConfirmation(deals.forProcessInstance(execution.getProcessInstanceId()).getId());
    }
}
