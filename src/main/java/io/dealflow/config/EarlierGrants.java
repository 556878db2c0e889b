package io.dealflow.config;

import io.dealflow.settings.DealflowProperties;
import io.dealflow.cluster.StartupTask;
import io.dealflow.deal.DealOwnerChanged;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Brings deals opened before the access model (a database of an earlier version) under it: their instances get
 * their owner's grant, their assigned stages lose the grants the engine's defaults gave the whole group, and
 * nobody keeps UPDATE on a stage. On a database that needs none of it, this is three small queries.
 */
@Component
@Order(2)
class EarlierGrants implements StartupTask {

    private final JdbcTemplate jdbc;
    private final DealGrants grants;
    private final AuthorizationService authorizations;
    private final String salesProcessKey;

    EarlierGrants(JdbcTemplate jdbc, DealGrants grants, AuthorizationService authorizations,
                  DealflowProperties settings) {
        this.jdbc = jdbc;
        this.grants = grants;
        this.authorizations = authorizations;
        this.salesProcessKey = settings.salesProcessKey();
    }

    @Override
    @Transactional
    public void run() {
        jdbc.query("""
                select d.id, d.process_instance_id, d.owner from deal d
                where d.status = 'OPEN' and d.process_instance_id is not null
                  and not exists (select 1 from ACT_RU_AUTHORIZATION a
                                  where a.RESOURCE_TYPE_ = ? and a.RESOURCE_ID_ = d.process_instance_id)""",
                rs -> {
                    grants.ownerChanged(new DealOwnerChanged(rs.getLong(1), rs.getString(2), rs.getString(3)));
                }, Resources.PROCESS_INSTANCE.resourceType());
        jdbc.queryForList("""
                select a.ID_ from ACT_RU_AUTHORIZATION a
                join ACT_RU_TASK t on t.ID_ = a.RESOURCE_ID_
                join ACT_RE_PROCDEF p on p.ID_ = t.PROC_DEF_ID_
                where a.RESOURCE_TYPE_ = ? and a.GROUP_ID_ is not null and t.ASSIGNEE_ is not null and p.KEY_ = ?""",
                String.class, Resources.TASK.resourceType(), salesProcessKey)
                .forEach(authorizations::deleteAuthorization);
        for (Authorization wide : authorizations.createAuthorizationQuery().resourceType(Resources.TASK)
                .hasPermission(Permissions.UPDATE).list()) {
            if (!"*".equals(wide.getResourceId())) {
                wide.setPermissions(new org.camunda.bpm.engine.authorization.Permission[]{
                        Permissions.READ, TaskPermissions.TASK_WORK});
                authorizations.saveAuthorization(wide);
            }
        }
    }
}
