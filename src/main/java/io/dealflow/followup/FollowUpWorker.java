package io.dealflow.followup;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.exception.NotFoundException;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.camunda.bpm.engine.externaltask.ExternalTaskQueryBuilder;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.stereotype.Component;

/**
 * Works the processes' email tasks: external tasks (camunda:type="external") whose topic names an
 * {@link EmailTask} bean. Per task, locked for {@code dealflow.mail.worker.lock-duration}: compose its emails,
 * then claim, send and record each (see {@link FollowUpSender}), then complete the task. A failure hands the task
 * back with one retry less after {@code retry-after}; the last one raises an incident that Cockpit shows and a
 * manager can retry there (it sets the retries again). Emails another node is sending right now: handed back with
 * the retries unchanged, looked at again after {@code recheck-claimed-after}. Emails that may not go yet (the send
 * window, the mailbox's limits: {@link SendSchedule}): the task stays locked until they may, no failure recorded.
 *
 * <p>Polled by {@link FollowUpPolling}; the tests call {@link #workOnce()} or {@link #workOn(String)}. Runs with no
 * authenticated user, as the job executor does.
 */
@Component
public class FollowUpWorker {

    private static final Logger log = LoggerFactory.getLogger(FollowUpWorker.class);

    private final ExternalTaskService externalTasks;
    private final RuntimeService runtime;
    private final Map<String, EmailTask> tasks;
    private final MailWorkerProperties settings;
    private final String workerId;

    public FollowUpWorker(ExternalTaskService externalTasks, RuntimeService runtime, Map<String, EmailTask> tasks,
                          BeanFactory beans, MailWorkerProperties settings, WorkerId workerId) {
        this.externalTasks = externalTasks;
        this.runtime = runtime;
        this.tasks = byTopic(tasks, beans);
        this.settings = settings;
        this.workerId = workerId.value();
    }

    /**
     * Each bean under its name and its aliases: a renamed task's former name stays an alias (see
     * {@code io.dealflow.process.FormerBeanNames}), and the instances started on the model version that used it
     * still wait for that topic.
     */
    private static Map<String, EmailTask> byTopic(Map<String, EmailTask> tasks, BeanFactory beans) {
        Map<String, EmailTask> byTopic = new HashMap<>(tasks);
        tasks.forEach((name, task) -> {
            for (String alias : beans.getAliases(name)) {
                byTopic.put(alias, task);
            }
        });
        return Map.copyOf(byTopic);
    }

    /** Locks and works the email tasks that are due, at most {@code max-tasks}; answers how many it locked. */
    public int workOnce() {
        ExternalTaskQueryBuilder fetch = externalTasks.fetchAndLock(settings.maxTasks(), workerId);
        for (String topic : tasks.keySet()) {
            fetch = fetch.topic(topic, lockMillis());
        }
        List<LockedExternalTask> locked = fetch.execute();
        locked.forEach(task -> work(LockedEmailTask.of(task)));
        return locked.size();
    }

    /**
     * {@link #workOnce()} for the email tasks of one process instance only, as the poll would work them (the tests'
     * way to run one instance's emails in a shared engine); answers how many it worked.
     */
    public int workOn(String processInstanceId) {
        return workOn(processInstanceId, null);
    }

    /** {@link #workOn(String)} for the email task of one activity of the instance (all of them when null). */
    public int workOn(String processInstanceId, String activityId) {
        var query = externalTasks.createExternalTaskQuery().processInstanceId(processInstanceId);
        if (activityId != null) {
            query.activityId(activityId);
        }
        List<ExternalTask> due = query.notLocked().active().withRetriesLeft().list().stream()
                .filter(task -> tasks.containsKey(task.getTopicName())).toList();
        for (ExternalTask task : due) {
            externalTasks.lock(task.getId(), workerId, lockMillis());
            work(LockedEmailTask.of(task, runtime.getVariables(task.getExecutionId())));
        }
        return due.size();
    }

    private void work(LockedEmailTask task) {
        Map<String, Object> variables;
        try {
            variables = tasks.get(task.topic()).work(task,
                    () -> externalTasks.extendLock(task.id(), workerId, lockMillis()));
        } catch (FollowUpClaimedElsewhereException e) {
            handBack(task, e.getMessage(), null, retries(task), settings.recheckClaimedAfter().toMillis());
            return;
        } catch (HeldBackException e) {
            waitUntil(task, e);
            return;
        } catch (RuntimeException e) {
            int retriesLeft = Math.max(0, retries(task) - 1);
            String message = FollowUpFailedException.withoutAddresses(e.getMessage());
            if (!(e instanceof FollowUpFailedException)) {
                log.warn("Email task {} ({}) failed", task.id(), task.activityId(), e);
            }
            handBack(task, message == null ? e.getClass().getName() : message,
                    FollowUpFailedException.withoutAddresses(stackTrace(e)), retriesLeft,
                    settings.retryAfter().toMillis());
            return;
        }
        try {
            externalTasks.complete(task.id(), workerId, variables);
        } catch (NotFoundException e) {
            log.info("Email task {} ({}) was gone when done (its process moved on or was cancelled)", task.id(),
                    task.activityId());
        }
    }

    /**
     * Keeps the task locked until its emails may go (not a failure: Cockpit shows nothing); whichever node fetches
     * it after that works it. A node stopped meanwhile leaves just the lock, which runs out then.
     */
    private void waitUntil(LockedEmailTask task, HeldBackException heldBack) {
        long millis = Math.max(1000, heldBack.until().toEpochMilli() - ClockUtil.getCurrentTime().getTime());
        log.debug("Email task {} ({}) waits until {}: {}", task.id(), task.activityId(), heldBack.until(),
                heldBack.getMessage());
        try {
            externalTasks.extendLock(task.id(), workerId, millis);
        } catch (ProcessEngineException e) {
            log.warn("Email task {} ({}) could not be held until {}: {}", task.id(), task.activityId(),
                    heldBack.until(), e.getMessage());
        }
    }

    /** Hands the task back to the engine: tried again after {@code retryAfter}; an incident at 0 retries. */
    private void handBack(LockedEmailTask task, String message, String details, int retries, long retryAfter) {
        try {
            externalTasks.handleFailure(task.id(), workerId, message, details, retries, retryAfter);
        } catch (ProcessEngineException e) {
            log.warn("Email task {} ({}) could not be handed back: {}", task.id(), task.activityId(),
                    e.getMessage());
        }
    }

    /** The retries left: the configured number until the first failure set them. */
    private int retries(LockedEmailTask task) {
        return task.retries() == null ? settings.retries() : task.retries();
    }

    private long lockMillis() {
        return settings.lockDuration().toMillis();
    }

    private static String stackTrace(Throwable e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }
}
