package io.dealflow.process;

import io.dealflow.followup.FollowUpKind;
import io.dealflow.followup.FollowUpService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Remind owner of unanswered proposal": an email to the deal's owner (stages are tasks, reminders are not). */
@Component("remindOwnerOfProposal")
public class RemindOwnerOfProposalDelegate implements JavaDelegate {

    private final FollowUpService followUps;

    public RemindOwnerOfProposalDelegate(FollowUpService followUps) {
        this.followUps = followUps;
    }

    @Override
    public void execute(DelegateExecution execution) {
        followUps.remindOwner(SalesInstance.dealId(execution), FollowUpKind.PROPOSAL_OWNER_REMINDER);
    }
}
