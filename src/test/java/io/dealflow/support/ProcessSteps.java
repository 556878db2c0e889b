package io.dealflow.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.dealflow.followup.FollowUpWorker;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;

/**
 * The steps the tests take on a running process instance, as the engine's job executor and the email worker would
 * take them: fire a timer at a given time, work an email task. Reset the engine clock after each test
 * ({@code ClockUtil.reset()}).
 */
public final class ProcessSteps {

    private ProcessSteps() {
    }

    /** The timer job waiting at {@code timerActivityId} of the instance (fails when there is none). */
    public static Job timer(ManagementService management, String processInstanceId, String timerActivityId) {
        Job timer = management.createJobQuery().processInstanceId(processInstanceId).activityId(timerActivityId)
                .timers().singleResult();
        assertThat(timer).as("the timer %s", timerActivityId).isNotNull();
        return timer;
    }

    /** Runs the timer at {@code timerActivityId} now, as the job executor would once it is due. */
    public static void fireTimer(ManagementService management, String processInstanceId, String timerActivityId) {
        management.executeJob(timer(management, processInstanceId, timerActivityId).getId());
    }

    /** Runs the timer at {@code timerActivityId} as the job executor would, with the engine's clock set to {@code at}. */
    public static void fireTimer(ManagementService management, String processInstanceId, String timerActivityId,
                                 Instant at) {
        Job timer = timer(management, processInstanceId, timerActivityId);
        ClockUtil.setCurrentTime(Date.from(at));
        management.executeJob(timer.getId());
    }

    /**
     * Works the email task of {@code activityId} in the instance as the worker's poll would, and checks it is done
     * (not handed back for a retry).
     */
    public static void workEmailTask(FollowUpWorker worker, ExternalTaskService externalTasks,
                                     String processInstanceId, String activityId) {
        assertThat(externalTasks.createExternalTaskQuery().processInstanceId(processInstanceId).activityId(activityId)
                .count()).as("waiting at the email task %s", activityId).isOne();
        assertThat(worker.workOn(processInstanceId, activityId)).as(activityId).isPositive();
        assertThat(externalTasks.createExternalTaskQuery().processInstanceId(processInstanceId).activityId(activityId)
                .withRetriesLeft().notLocked().count()).as("%s done", activityId).isZero();
    }
}
