package io.dealflow.process;

import io.dealflow.followup.FollowUpKind;
import io.dealflow.followup.FollowUpService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Send proposal follow-up" and "Send second proposal follow-up": the task's input parameter {@code followUp}
 * names the kind of follow-up, and so its templates (e.g. PROPOSAL_SECOND_FOLLOW_UP).
 */
@Component("sendProposalFollowUp")
public class SendProposalFollowUpDelegate implements JavaDelegate {

    static final String FOLLOW_UP = "followUp";

    private final FollowUpService followUps;

    public SendProposalFollowUpDelegate(FollowUpService followUps) {
        this.followUps = followUps;
    }

    @Override
    public void execute(DelegateExecution execution) {
        FollowUpKind kind = FollowUpKind.valueOf(String.valueOf(execution.getVariableLocal(FOLLOW_UP)));
        followUps.sendStageFollowUp(SalesInstance.dealId(execution), kind);
    }
}
