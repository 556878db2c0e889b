package io.dealflow.config;

import java.util.Set;
import org.camunda.bpm.engine.impl.cfg.auth.AuthorizationCommandChecker;
import org.camunda.bpm.engine.impl.cmd.SetTaskFollowUpDateCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandInvocationContext;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;

/**
 * The engine's authorization checks, with one rule added: whoever may work a task (TASK_WORK: its assignee, or its
 * candidate group while nobody has it) may set its follow-up date, the rep's next step, as Tasklist's "Set follow-up
 * date" does (PUT task/{id} with the whole task, the follow-up date changed). Everything else a task update carries
 * (name, assignee, owner, due date, priority, ...) still needs TASK_ASSIGN, which reps do not have: the due date is
 * the model's (see {@link io.dealflow.stage.StageDue}), the owner changes with PUT /api/deals/{id}/owner.
 */
class NextStepAuthorization extends AuthorizationCommandChecker {

    private static final Set<String> FOLLOW_UP_ONLY = Set.of(TaskEntity.FOLLOW_UP_DATE);

    @Override
    public void checkTaskAssign(TaskEntity task) {
        if (setsTheFollowUpDateOnly(task)) {
            checkTaskWork(task);
        } else {
            super.checkTaskAssign(task);
        }
    }

    private static boolean setsTheFollowUpDateOnly(TaskEntity task) {
        // a task update (SaveTaskCmd) carries its changes; the tenant cannot change (the engine refuses that itself)
        if (!task.getPropertyChanges().isEmpty()) {
            return FOLLOW_UP_ONLY.equals(task.getPropertyChanges().keySet());
        }
        CommandInvocationContext invocation = Context.getCommandInvocationContext();
        return invocation != null && invocation.getCommand() instanceof SetTaskFollowUpDateCmd;
    }
}
