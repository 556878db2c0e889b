package io.dealflow.production;

import io.dealflow.settings.DealflowProperties;
import io.dealflow.access.Roles;
import io.dealflow.cluster.ClusterLock;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The first administrator ({@code dealflow.admin-user.id} and {@code .password}; prod sets them from
 * DEALFLOW_ADMIN_USER and DEALFLOW_ADMIN_PASSWORD): a member of {@code camunda-admin}, which may do everything.
 * Created as the engine is built, before the web server takes a request, so Camunda's first-run setup page is
 * never offered; an existing user is left as it is.
 * <p>
 * What Camunda's own {@code camunda.bpm.admin-user} does, but under the cluster's start-up lock: two nodes starting
 * at once on an empty database both found no user and both created it, and one failed on the duplicate key.
 */
@Component
class FirstAdministrator extends AbstractCamundaConfiguration {

    private static final Logger log = LoggerFactory.getLogger(FirstAdministrator.class);

    private final ClusterLock lock;
    private final String id;
    private final String password;

    FirstAdministrator(ClusterLock lock, DealflowProperties settings) {
        this.lock = lock;
        this.id = settings.adminUser().id() == null ? "" : settings.adminUser().id();
        this.password = settings.adminUser().password() == null ? "" : settings.adminUser().password();
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        if (id.isBlank()) {
            return;
        }
        lock.holding(ClusterLock.STARTUP, () -> create(engine.getIdentityService(), engine.getAuthorizationService()));
    }

    private void create(IdentityService identity, AuthorizationService authorizations) {
        if (identity.createUserQuery().userId(id).count() > 0) {
            return;
        }
        User user = identity.newUser(id);
        user.setFirstName("Administrator");
        user.setLastName(id);
        user.setEmail(id + "@localhost");
        user.setPassword(password);
        identity.saveUser(user);
        if (identity.createGroupQuery().groupId(Roles.ADMINS).count() == 0) {
            Group group = identity.newGroup(Roles.ADMINS);
            group.setName("Administrators");
            group.setType(Groups.GROUP_TYPE_SYSTEM);
            identity.saveGroup(group);
        }
        for (Resource resource : Resources.values()) {
            if (authorizations.createAuthorizationQuery().groupIdIn(Roles.ADMINS).resourceType(resource)
                    .resourceId(Authorization.ANY).count() == 0) {
                Authorization all = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
                all.setGroupId(Roles.ADMINS);
                all.setResource(resource);
                all.setResourceId(Authorization.ANY);
                all.addPermission(Permissions.ALL);
                authorizations.saveAuthorization(all);
            }
        }
        identity.createMembership(id, Roles.ADMINS);
        log.info("Created the first administrator '{}' in group {}", id, Roles.ADMINS);
    }
}
