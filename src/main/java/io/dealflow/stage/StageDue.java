package io.dealflow.stage;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;

/**
 * A stage task is due when the deal turns idle in it: entered + the stage's {@code idleLimit}, to the second. It is
 * Tasklist's own due date, so reps see it, sort by it and filter on it there. A stage without an idle limit has no
 * due date; a due date the process owner set on the user task in Modeler stays.
 */
public final class StageDue {

    private StageDue() {
    }

    /** Called as the stage task is created. */
    public static void setOn(DelegateTask task) {
        UserTask userTask = task.getBpmnModelElementInstance();
        if (task.getDueDate() != null || userTask == null) {
            return;
        }
        Instant due = SalesModel.stageOf(userTask).idleAt(task.getCreateTime().toInstant());
        if (due != null) {
            // in whole seconds: Tasklist sends the due date back without its milliseconds when the rep sets a
            // follow-up date, and a due date that changed would make that update one a rep may not make
            task.setDueDate(Date.from(due.truncatedTo(ChronoUnit.SECONDS)));
        }
    }
}
