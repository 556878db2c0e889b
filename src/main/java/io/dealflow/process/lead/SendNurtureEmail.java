package io.dealflow.process.lead;

import io.dealflow.followup.EmailTask;
import io.dealflow.followup.FollowUpSender;
import io.dealflow.followup.LeadEmails;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import io.dealflow.followup.LockedEmailTask;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.springframework.stereotype.Component;

/**
 * "Send first/second/third nurture email": the input parameter {@code followUp} names the kind and so its
 * templates. Once per nurturing round (the subprocess instance the task runs in), so a lead sent back by sales is
 * nurtured again.
 */
@Component("sendNurtureEmail")
public class SendNurtureEmail implements EmailTask {

    private final LeadEmails emails;
    private final FollowUpSender sender;
    private final RuntimeService runtime;

    public SendNurtureEmail(LeadEmails emails, FollowUpSender sender, RuntimeService runtime) {
        this.emails = emails;
        this.sender = sender;
        this.runtime = runtime;
    }

    @Override
    public Map<String, Object> work(LockedEmailTask task, Runnable beforeEachEmail) {
        sender.deliver(emails.marketing(LeadVariables.leadId(task), LeadVariables.contactId(task),
                LeadVariables.followUp(task), nurturingRound(task)), beforeEachEmail);
        return Map.of();
    }

    /** The instance of the subprocess around the task: its activity instance's parent. */
    private String nurturingRound(LockedEmailTask task) {
        ActivityInstance tree = runtime.getActivityInstance(task.processInstanceId());
        String round = parentOf(tree, task.activityInstanceId());
        if (round == null) {
            throw new IllegalStateException("Email task " + task.id() + " is not in its process's activity tree");
        }
        return round;
    }

    private static String parentOf(ActivityInstance instance, String activityInstanceId) {
        if (instance.getId().equals(activityInstanceId)) {
            return instance.getParentActivityInstanceId();
        }
        for (ActivityInstance child : instance.getChildActivityInstances()) {
            String parent = parentOf(child, activityInstanceId);
            if (parent != null) {
                return parent;
            }
        }
        return null;
    }
}
