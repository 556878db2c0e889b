package io.dealflow.config;

import io.dealflow.access.Roles;
import io.dealflow.deal.DealOwnerChanged;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A deal's process instance, now and in history, is readable by the deal's owner, or by the sales team while the
 * deal has none: granted when the deal opens and moved when it changes hands, in the same transaction. Managers
 * read every instance through their group's grant on the process definition (see {@link SalesAccess}).
 * Nobody but an administrator gets UPDATE on an instance: its variables change only through the stage forms.
 */
@Component
class DealGrants {

    private final ProcessEngineConfigurationImpl engine;

    DealGrants(ProcessEngineConfigurationImpl engine) {
        this.engine = engine;
    }

    @EventListener
    void ownerChanged(DealOwnerChanged change) {
        String instance = change.processInstanceId();
        // a rep completing a stage in Tasklist may hand the deal on without any right to grant: the rule does
        engine.getCommandExecutorTxRequired().execute(context -> context.runWithoutAuthorization(() -> {
            AuthorizationService authorizations = engine.getAuthorizationService();
            grant(authorizations, Resources.PROCESS_INSTANCE, instance, change.owner(), Permissions.READ,
                    change.opened());
            grant(authorizations, Resources.HISTORIC_PROCESS_INSTANCE, instance, change.owner(),
                    HistoricProcessInstancePermissions.READ, change.opened());
            return null;
        }));
    }

    /**
     * Replaces whatever user or group grant the instance had by one for the owner, or for the team. A new
     * instance has none: no query for them (two statements less per deal opening).
     */
    private static void grant(AuthorizationService authorizations, Resource resource, String instance, String owner,
                              Permission permission, boolean newInstance) {
        if (!newInstance) {
            authorizations.createAuthorizationQuery().resourceType(resource).resourceId(instance).list()
                    .forEach(old -> authorizations.deleteAuthorization(old.getId()));
        }
        Authorization authorization = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        if (owner == null) {
            authorization.setGroupId(Roles.SALES);
        } else {
            authorization.setUserId(owner);
        }
        authorization.setResource(resource);
        authorization.setResourceId(instance);
        authorization.addPermission(permission);
        authorizations.saveAuthorization(authorization);
    }
}
