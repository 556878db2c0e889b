package io.dealflow.config;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.camunda.bpm.engine.impl.persistence.entity.IdentityLinkEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;

/**
 * Camunda's default task authorizations (the assignee and the candidate groups may read and work a task), with
 * one rule added: a candidate group has a task only while nobody is assigned to it. So a stage assigned to its
 * deal's owner is theirs alone; an unassigned one (a team deal) is the whole group's; the rep who claims it makes
 * it theirs, and whoever it is given to takes it from the previous assignee. The assignee may also hand it on
 * (unclaim, or assign it to someone), which the group may not. Tasklist, Cockpit and the engine REST
 * API all follow these authorizations.
 */
class TeamTaskAuthorizations extends DefaultAuthorizationProvider {

    @Override
    public AuthorizationEntity[] newTaskGroupIdentityLink(Task task, String groupId, String type) {
        if (task.getAssignee() != null && IdentityLinkType.CANDIDATE.equals(type)) {
            return null; // the group gets the task if it is ever unassigned
        }
        return super.newTaskGroupIdentityLink(task, groupId, type);
    }

    @Override
    public AuthorizationEntity[] newTaskAssignee(Task task, String oldAssignee, String newAssignee) {
        if (oldAssignee != null && !oldAssignee.equals(newAssignee)) {
            revoke(task, oldAssignee, null);
        }
        if (newAssignee != null) {
            candidateGroups(task).forEach(group -> revoke(task, null, group));
            AuthorizationEntity[] granted = super.newTaskAssignee(task, oldAssignee, newAssignee);
            // the assignee may also hand the task on: unclaim it (back to the group) or give it to someone
            for (AuthorizationEntity authorization : granted) {
                if (authorization.getResourceType() == Resources.TASK.resourceType()) {
                    authorization.addPermission(TaskPermissions.TASK_ASSIGN);
                }
            }
            return granted;
        }
        List<AuthorizationEntity> granted = new ArrayList<>();
        for (String group : candidateGroups(task)) {
            AuthorizationEntity[] authorizations = super.newTaskGroupIdentityLink(task, group, IdentityLinkType.CANDIDATE);
            if (authorizations != null) {
                granted.addAll(List.of(authorizations));
            }
        }
        return granted.toArray(AuthorizationEntity[]::new);
    }

    private static List<String> candidateGroups(Task task) {
        return ((TaskEntity) task).getIdentityLinks().stream()
                .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
                .map(IdentityLinkEntity::getGroupId)
                .toList();
    }

    private void revoke(Task task, String userId, String groupId) {
        AuthorizationManager authorizations = getAuthorizationManager();
        for (Resource resource : List.of(Resources.TASK, Resources.HISTORIC_TASK)) {
            AuthorizationEntity authorization = getGrantAuthorization(task.getId(), userId, groupId, resource);
            if (authorization != null) {
                Context.getCommandContext().runWithoutAuthorization(() -> {
                    authorizations.delete(authorization);
                    return null;
                });
            }
        }
    }
}
