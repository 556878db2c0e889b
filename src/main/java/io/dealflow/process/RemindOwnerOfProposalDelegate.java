package io.dealflow.process;

import io.dealflow.deal.DealService;
import io.dealflow.followup.FollowUpKind;
import io.dealflow.followup.FollowUpService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Remind owner of unanswered proposal": an email to the deal's owner (stages are tasks, reminders are not). */
@Component("remindOwnerOfProposal")
public class RemindOwnerOfProposalDelegate implements JavaDelegate {

    private final FollowUpService followUps;
    private final DealService deals;

    public RemindOwnerOfProposalDelegate(FollowUpService followUps, DealService deals) {
        this.followUps = followUps;
        this.deals = deals;
    }

    @Override
    public void execute(DelegateExecution execution) {
        followUps.remindOwner(deals.forProcessInstance(execution.getProcessInstanceId()).getId(), FollowUpKind.PROPOSAL_OWNER_REMINDER);
    }
}
