package io.dealflow.config;

import io.dealflow.settings.DealflowProperties;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import io.dealflow.access.Roles;
import io.dealflow.cluster.StartupTask;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * What the sales team needs in every installation: the groups' rights to use Tasklist and Cockpit for the
 * sales process, and the Tasklist filters "My deals" (by next step), "No next step", "Team deals" and "All open
 * deals".
 * Idempotent: it adds what is missing and narrows what an earlier version granted more widely. A deal's own
 * instance and stages are granted with the deal (see {@link DealGrants} and {@link TeamTaskAuthorizations}).
 */
@Component
@Order(1)
public class SalesAccess implements StartupTask {

    public static final String SALES = Roles.SALES;
    public static final String MANAGEMENT = Roles.MANAGEMENT;
    public static final String MARKETING = Roles.MARKETING;
    public static final String ADMINS = Roles.ADMINS;

    private final AuthorizationService authorizations;
    private final FilterService filters;
    private final TaskService tasks;
    private final String salesProcessKey;
    private final String leadProcessKey;

    public SalesAccess(AuthorizationService authorizations, FilterService filters, TaskService tasks,
                       DealflowProperties settings) {
        this.authorizations = authorizations;
        this.filters = filters;
        this.tasks = tasks;
        this.salesProcessKey = settings.salesProcessKey();
        this.leadProcessKey = settings.leadProcessKey();
    }

    @Override
    public void run() {
        for (Resource resource : Resources.values()) {
            grant(ADMINS, resource, "*", Permissions.ALL);
        }
        for (String group : List.of(SALES, MANAGEMENT)) {
            grant(group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
            grant(group, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
            grant(group, Resources.FILTER, "*", Permissions.READ);
            grant(group, Resources.USER, "*", Permissions.READ);
            grant(group, Resources.GROUP, "*", Permissions.READ);
            grant(group, Resources.DEPLOYMENT, "*", Permissions.READ);
            // deals open through POST /api/deals and leads through the lead intake, never from Tasklist
            revoke(group, Resources.PROCESS_INSTANCE, "*");
            revoke(group, Resources.TASK, "*");
            // the leads handed over ("Book the meeting") are the whole team's work
            grant(group, Resources.PROCESS_DEFINITION, leadProcessKey,
                    ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.READ_INSTANCE,
                    ProcessDefinitionPermissions.READ_HISTORY, ProcessDefinitionPermissions.READ_TASK,
                    ProcessDefinitionPermissions.TASK_WORK, ProcessDefinitionPermissions.TASK_ASSIGN);
        }
        // a rep reads the sales model; their deals' instances and stages come with the deal (DealGrants,
        // TeamTaskAuthorizations), so another rep's deal is invisible to them in Tasklist, Cockpit and the REST API
        grant(SALES, Resources.PROCESS_DEFINITION, salesProcessKey, ProcessDefinitionPermissions.READ);
        // managers see and work every deal, give stages to others, and retry a failed email in Cockpit; nobody
        // writes a deal's variables except through a stage form (no UPDATE_TASK, no UPDATE_INSTANCE)
        grant(MANAGEMENT, Resources.PROCESS_DEFINITION, salesProcessKey,
                ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.READ_INSTANCE,
                ProcessDefinitionPermissions.READ_HISTORY, ProcessDefinitionPermissions.READ_TASK,
                ProcessDefinitionPermissions.TASK_WORK, ProcessDefinitionPermissions.TASK_ASSIGN,
                ProcessDefinitionPermissions.RETRY_JOB);
        // marketing reads the lead process through the engine REST API and GET /api/handoff; no deals, no Cockpit
        grant(MARKETING, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
        grant(MARKETING, Resources.FILTER, "*", Permissions.READ);
        grant(MARKETING, Resources.DEPLOYMENT, "*", Permissions.READ);
        grant(MARKETING, Resources.PROCESS_DEFINITION, leadProcessKey, ProcessDefinitionPermissions.READ,
                ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY,
                ProcessDefinitionPermissions.READ_TASK);
        grant(MARKETING, Resources.DECISION_DEFINITION, "lead-qualification", Permissions.READ,
                Permissions.READ_HISTORY);

        TaskQuery salesTasks = tasks.createTaskQuery().processDefinitionKey(salesProcessKey);
        // by the rep's next step (the follow-up date they set), then by when the deal turns idle (the due date)
        filter("My deals", "Deals whose stage is mine to move on, by my next step", -10,
                tasks.createTaskQuery().processDefinitionKey(salesProcessKey).taskAssigneeExpression("${currentUser()}")
                        .orderByFollowUpDate().asc().orderByDueDate().asc(), DEAL_COLUMNS, 2);
        filter("No next step", "My deals without a follow-up date, or whose follow-up date has passed", -9,
                tasks.createTaskQuery().processDefinitionKey(salesProcessKey).taskAssigneeExpression("${currentUser()}")
                        .followUpBeforeOrNotExistentExpression("${now()}").orderByDueDate().asc());
        filter("Team deals", "Deals of the sales team that nobody has taken", 0,
                tasks.createTaskQuery().processDefinitionKey(salesProcessKey).taskCandidateGroup(SALES).taskUnassigned());
        filter("All open deals", "Every open deal, in whichever stage", 10, salesTasks);
        // with the claimed ones: a rep who claimed a lead still finds it here
        filter("Leads to book", "Sales-qualified leads from marketing: book the first meeting, or send them back", -5,
                tasks.createTaskQuery().processDefinitionKey(leadProcessKey).taskCandidateGroup(SALES)
                        .includeAssignedTasks(), LEAD_COLUMNS);
    }

    /** The group has exactly these permissions on the resource: added when missing, narrowed when wider. */
    private void grant(String group, Resource resource, String resourceId, Permission... permissions) {
        Authorization authorization = authorizations.createAuthorizationQuery().groupIdIn(group)
                .resourceType(resource).resourceId(resourceId).list().stream().findFirst().orElse(null);
        Integer before = null;
        if (authorization == null) {
            authorization = authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
            authorization.setGroupId(group);
            authorization.setResource(resource);
            authorization.setResourceId(resourceId);
        } else {
            before = ((AuthorizationEntity) authorization).getPermissions();
        }
        authorization.setPermissions(permissions);
        if (before == null || before != ((AuthorizationEntity) authorization).getPermissions()) {
            authorizations.saveAuthorization(authorization);
        }
    }

    /** An authorization an earlier version granted and this one does not. */
    private void revoke(String group, Resource resource, String resourceId) {
        authorizations.createAuthorizationQuery().groupIdIn(group).resourceType(resource).resourceId(resourceId)
                .list().forEach(old -> authorizations.deleteAuthorization(old.getId()));
    }

    /** The deal's facts shown in the task list (variables the stage forms show too). */
    private static final List<Map<String, String>> DEAL_COLUMNS = List.of(
            Map.of("name", "dealReference", "label", "Deal"),
            Map.of("name", "companyName", "label", "Company"),
            Map.of("name", "monthlyValue", "label", "Monthly value"));
    private static final List<Map<String, String>> LEAD_COLUMNS = List.of(
            Map.of("name", "leadName", "label", "Lead"),
            Map.of("name", "leadCompany", "label", "Company"),
            Map.of("name", "segment", "label", "Segment"));

    private void filter(String name, String description, int priority, TaskQuery query) {
        filter(name, description, priority, query, DEAL_COLUMNS);
    }

    private void filter(String name, String description, int priority, TaskQuery query,
                        List<Map<String, String>> columns) {
        filter(name, description, priority, query, columns, 1);
    }

    /**
     * The filter as this version defines it. A filter of that name that an earlier version created (a lower
     * {@link #REVISION}, none before revision 2) is brought up to date in place, so an existing installation gets the
     * change without a second filter of the name; one at this revision is left as it is, with what an administrator
     * changed in it since.
     */
    private void filter(String name, String description, int priority, TaskQuery query,
                        List<Map<String, String>> columns, int revision) {
        Map<String, Object> properties = Map.of(
                "description", description,
                "priority", priority,
                "refresh", true,
                "variables", columns,
                REVISION, revision);
        List<Filter> existing = filters.createFilterQuery().filterName(name).list();
        if (existing.isEmpty()) {
            filters.saveFilter(filters.newTaskFilter(name).setQuery(query).setProperties(properties));
            return;
        }
        for (Filter filter : existing) {
            Object stored = filter.getProperties() == null ? null : filter.getProperties().get(REVISION);
            if ((stored instanceof Number number ? number.intValue() : 1) < revision) {
                filters.saveFilter(filter.setQuery(query).setProperties(properties));
            }
        }
    }

    /** The filter property that says which version of a filter of ours is stored. */
    static final String REVISION = "dealflowRevision";
}
