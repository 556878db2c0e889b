package io.dealflow.followup;

import java.util.Map;

/**
 * The work of the external tasks of one topic that send email; the bean's name is the topic the model names
 * (camunda:topic), so a reader goes from the task in the model to its class by name (a former topic is an alias
 * of the bean, see {@code io.dealflow.process.FormerBeanNames}). Worked by
 * {@link FollowUpWorker}, never inside a transaction.
 */
public interface EmailTask {

    /**
     * Composes the task's emails and sends them through {@link FollowUpSender}, passing {@code beforeEachEmail}
     * on; answers the variables to complete the task with.
     *
     * @throws FollowUpFailedException when an email failed: the task is retried, then ends in an incident
     * @throws FollowUpClaimedElsewhereException when another node is sending some of them: looked at again soon
     */
    Map<String, Object> work(LockedEmailTask task, Runnable beforeEachEmail);
}
