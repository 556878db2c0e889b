package io.dealflow.config;

import io.dealflow.cluster.StartupTask;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The groups the access model is written for, in every installation (prod too): people are added to them in
 * Camunda Admin. Idempotent: it only adds what is missing.
 */
@Component
@Order(-1)
public class TeamGroups implements StartupTask {

    private final IdentityService identity;

    public TeamGroups(IdentityService identity) {
        this.identity = identity;
    }

    @Override
    public void run() {
        group(SalesAccess.ADMINS, "Administrators", Groups.GROUP_TYPE_SYSTEM);
        group(SalesAccess.SALES, "Sales", Groups.GROUP_TYPE_WORKFLOW);
        group(SalesAccess.MANAGEMENT, "Management", Groups.GROUP_TYPE_WORKFLOW);
        group(SalesAccess.MARKETING, "Marketing", Groups.GROUP_TYPE_WORKFLOW);
    }

    private void group(String id, String name, String type) {
        if (identity.createGroupQuery().groupId(id).count() == 0) {
            Group group = identity.newGroup(id);
            group.setName(name);
            group.setType(type);
            identity.saveGroup(group);
        }
    }
}
