package io.dealflow.deal;

import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.Objects;
import org.camunda.bpm.engine.task.Task;

/**
 * The rep's next step on a deal, read from its open stage in Tasklist: the stage's due date (when the deal turns idle
 * there), the follow-up date the rep set, and whether the deal lacks a next step: open, with no follow-up date or one
 * already passed (what Tasklist's filter "No next step" lists).
 */
record NextStep(Instant stageDueAt, Instant nextStepAt, boolean noNextStep) {

    static final NextStep NONE = new NextStep(null, null, false);

    /** The next step of an open deal from its open stage tasks. */
    static NextStep of(Collection<Task> openStages, Instant now) {
        if (openStages.isEmpty()) {
            return NONE;
        }
        Instant due = earliest(openStages.stream().map(Task::getDueDate).toList());
        Instant followUp = earliest(openStages.stream().map(Task::getFollowUpDate).toList());
        boolean missing = openStages.stream()
                .anyMatch(stage -> stage.getFollowUpDate() == null || stage.getFollowUpDate().toInstant().isBefore(now));
        return new NextStep(due, followUp, missing);
    }

    private static Instant earliest(Collection<Date> dates) {
        return dates.stream().filter(Objects::nonNull).map(Date::toInstant).min(Instant::compareTo).orElse(null);
    }
}
