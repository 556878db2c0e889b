package io.dealflow.process;

import io.dealflow.followup.FollowUpKind;
import io.dealflow.followup.FollowUpService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Send first/second/third nurture email": the input parameter {@code followUp} names the kind and so its
 * templates. Once per nurturing round (the subprocess instance), so a lead sent back by sales is nurtured again.
 */
@Component("sendNurtureEmail")
public class SendNurtureEmailDelegate implements JavaDelegate {

    private final FollowUpService followUps;

    public SendNurtureEmailDelegate(FollowUpService followUps) {
        this.followUps = followUps;
    }

    @Override
    public void execute(DelegateExecution execution) {
        FollowUpKind kind = FollowUpKind.valueOf(String.valueOf(execution.getVariableLocal("followUp")));
        followUps.sendToLead((Long) execution.getVariable(LeadVariables.LEAD_ID),
                (Long) execution.getVariable(LeadVariables.CONTACT_ID), kind, execution.getParentActivityInstanceId());
    }
}
