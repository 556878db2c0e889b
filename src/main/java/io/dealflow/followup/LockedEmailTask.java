package io.dealflow.followup;

import java.util.Map;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;

/** An email task this node has locked: what an {@link EmailTask} needs to know of it. */
public record LockedEmailTask(String id, String topic, String processInstanceId, String businessKey,
                              String activityId, String activityInstanceId, Integer retries,
                              Map<String, Object> variables) {

    static LockedEmailTask of(LockedExternalTask task) {
        return new LockedEmailTask(task.getId(), task.getTopicName(), task.getProcessInstanceId(),
                task.getBusinessKey(), task.getActivityId(), task.getActivityInstanceId(), task.getRetries(),
                task.getVariables());
    }

    static LockedEmailTask of(ExternalTask task, Map<String, Object> variables) {
        return new LockedEmailTask(task.getId(), task.getTopicName(), task.getProcessInstanceId(),
                task.getBusinessKey(), task.getActivityId(), task.getActivityInstanceId(), task.getRetries(),
                variables);
    }

    public Object variable(String name) {
        return variables.get(name);
    }
}
