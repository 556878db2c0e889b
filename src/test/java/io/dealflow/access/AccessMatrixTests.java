package io.dealflow.access;

import static io.dealflow.support.TasklistSession.ENGINE;
import static io.dealflow.support.TasklistSession.HAL;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dealflow.support.Api;
import io.dealflow.support.OnH2;
import io.dealflow.support.TestUsers;
import io.dealflow.support.TasklistSession;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Who may do what (issue 9), cell by cell: each role (the demo users plus a second rep, {@code rita}) × each call of
 * our API, of {@code /engine-rest} and of the web apps' engine API (what Tasklist and Cockpit call) × whose deal
 * (sam's, rita's, the team's, a closed one), with the status or the visibility each must answer. Every cell is one
 * named test case of {@link #cell(Cell)}; the behaviours behind the cells (a stage belongs to its process instance,
 * a claim takes a team deal, reassigning moves visibility, GDPR uses are audited) have focused tests below.
 *
 * <p>Read-only cells share one set of deals per server, created by {@code mia} (management) once and only read;
 * cells that change something get deals of their own. A change that must be refused must leave the deal exactly as
 * it was, whatever the status said: its row, what mia sees of it through the API, its open stage (id, assignee,
 * name), every variable of its process instance and of the stage, and no closing email sent or on its way.
 *
 * <p>Where the contract allows either (an engine write by someone who may not see the deal: 403 or 404; a variable
 * write on one's own deal: 403 or 400), a cell accepts both. Cells for the engine's other write paths (bpmnError,
 * escalation, message correlation, task updates, identity links, delegation) apply the rule "writes of any other
 * variable through /engine-rest on a sales instance are refused" and "owner = assignee" of issue 9 to them.
 */
@OnH2
class AccessMatrixTests {

    static final String SAM = "sam";
    static final String RITA = "rita";
    static final String MIA = "mia";
    static final String DEMO = "demo";
    static final String MARK = "mark";
    static final String ANONYMOUS = null;
    static final String SALES_PROCESS = "sales-process";
    static final String ALL_OPEN_DEALS = "All open deals";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    IdentityService identity;
    @Autowired
    TaskService tasks;
    @Autowired
    FormService forms;
    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;
    @Autowired
    ExternalTaskService externalTasks;

    /** Writes target/access-matrix/&lt;class&gt;.txt: every case by its name, passed or failed, as a table to read. */
    @RegisterExtension
    static final MatrixReport REPORT = new MatrixReport();

    Api api;
    /** What the last deal-opening or lead call of a cell sent, to check that a refused one stored nothing. */
    String lastDomain;
    String lastEmail;

    @BeforeEach
    void client() {
        api = new Api(port);
        ensureUser(RITA, "sales");
    }

    // =================================================================================================== the matrix

    static Stream<Cell> matrix() {
        return Stream.of(
                // ---------------------------------------------------------------- our API: one deal
                row(SAM, Call.GET_DEAL, Target.SAMS, Expect.status(200)),
                row(SAM, Call.GET_DEAL, Target.TEAM, Expect.status(200)),
                row(SAM, Call.GET_DEAL, Target.RITAS, Expect.status(404)),
                row(RITA, Call.GET_DEAL, Target.RITAS, Expect.status(200)),
                row(RITA, Call.GET_DEAL, Target.TEAM, Expect.status(200)),
                row(RITA, Call.GET_DEAL, Target.SAMS, Expect.status(404)),
                row(MIA, Call.GET_DEAL, Target.SAMS, Expect.status(200)),
                row(MIA, Call.GET_DEAL, Target.RITAS, Expect.status(200)),
                row(MIA, Call.GET_DEAL, Target.TEAM, Expect.status(200)),
                row(DEMO, Call.GET_DEAL, Target.RITAS, Expect.status(200)),
                row(DEMO, Call.GET_DEAL, Target.TEAM, Expect.status(200)),
                row(MARK, Call.GET_DEAL, Target.SAMS, Expect.status(403)),
                row(MARK, Call.GET_DEAL, Target.TEAM, Expect.status(403)),
                row(ANONYMOUS, Call.GET_DEAL, Target.SAMS, Expect.status(401)),

                row(SAM, Call.REPLY, Target.SAMS, Expect.status(200)),
                row(SAM, Call.REPLY, Target.TEAM, Expect.status(200)),
                row(SAM, Call.REPLY, Target.RITAS, Expect.status(404)),
                row(MIA, Call.REPLY, Target.RITAS, Expect.status(200)),
                row(DEMO, Call.REPLY, Target.SAMS, Expect.status(200)),
                row(MARK, Call.REPLY, Target.SAMS, Expect.status(403)),
                row(ANONYMOUS, Call.REPLY, Target.SAMS, Expect.status(401)),

                // ---------------------------------------------------------------- our API: opening a deal
                row(SAM, Call.OPEN_FOR_CALLER, Target.NONE, Expect.status(201)),
                row(RITA, Call.OPEN_FOR_CALLER, Target.NONE, Expect.status(201)),
                row(SAM, Call.OPEN_WITHOUT_OWNER, Target.NONE, Expect.status(201)),
                row(SAM, Call.OPEN_WITH_NULL_OWNER, Target.NONE, Expect.status(201)),
                row(RITA, Call.OPEN_WITH_NULL_OWNER, Target.NONE, Expect.status(201)),
                row(SAM, Call.OPEN_FOR_RITA, Target.NONE, Expect.status(403)),
                row(RITA, Call.OPEN_FOR_SAM, Target.NONE, Expect.status(403)),
                row(MIA, Call.OPEN_FOR_RITA, Target.NONE, Expect.status(201)),
                row(MIA, Call.OPEN_WITHOUT_OWNER, Target.NONE, Expect.status(201)),
                row(DEMO, Call.OPEN_FOR_SAM, Target.NONE, Expect.status(201)),
                row(DEMO, Call.OPEN_FOR_RITA, Target.NONE, Expect.status(201)),
                row(MARK, Call.OPEN_FOR_SAM, Target.NONE, Expect.status(403)),
                row(MARK, Call.OPEN_WITHOUT_OWNER, Target.NONE, Expect.status(403)),
                row(ANONYMOUS, Call.OPEN_FOR_SAM, Target.NONE, Expect.status(401)),

                // ---------------------------------------------------------------- our API: who owns a deal
                row(SAM, Call.PUT_OWNER_RITA, Target.SAMS, Expect.status(200)),
                row(SAM, Call.PUT_OWNER_TEAM, Target.SAMS, Expect.status(200)),
                row(SAM, Call.PUT_OWNER_CALLER, Target.TEAM, Expect.status(200)),
                row(RITA, Call.PUT_OWNER_CALLER, Target.TEAM, Expect.status(200)),
                row(SAM, Call.PUT_OWNER_RITA, Target.TEAM, Expect.status(403)),
                row(RITA, Call.PUT_OWNER_SAM, Target.TEAM, Expect.status(403)),
                row(SAM, Call.PUT_OWNER_CALLER, Target.RITAS, Expect.status(404)),
                row(SAM, Call.PUT_OWNER_TEAM, Target.RITAS, Expect.status(404)),
                row(RITA, Call.PUT_OWNER_CALLER, Target.SAMS, Expect.status(404)),
                row(MIA, Call.PUT_OWNER_RITA, Target.SAMS, Expect.status(200)),
                row(MIA, Call.PUT_OWNER_SAM, Target.RITAS, Expect.status(200)),
                row(MIA, Call.PUT_OWNER_RITA, Target.TEAM, Expect.status(200)),
                row(MIA, Call.PUT_OWNER_TEAM, Target.RITAS, Expect.status(200)),
                row(DEMO, Call.PUT_OWNER_RITA, Target.SAMS, Expect.status(200)),
                row(MARK, Call.PUT_OWNER_RITA, Target.SAMS, Expect.status(403)),
                row(MARK, Call.PUT_OWNER_TEAM, Target.SAMS, Expect.status(403)),
                row(ANONYMOUS, Call.PUT_OWNER_RITA, Target.SAMS, Expect.status(401)),
                row(MIA, Call.PUT_OWNER_RITA, Target.WON, Expect.status(409)),
                row(MIA, Call.PUT_OWNER_RITA, Target.LOST, Expect.status(409)),
                row(DEMO, Call.PUT_OWNER_TEAM, Target.LOST, Expect.status(409)),
                row(SAM, Call.PUT_OWNER_RITA, Target.LOST, Expect.status(409)),

                // ---------------------------------------------------------------- our API: figures
                row(SAM, Call.PIPELINE, Target.NONE, Expect.status(200)),
                row(RITA, Call.PIPELINE, Target.NONE, Expect.status(200)),
                row(MIA, Call.PIPELINE, Target.NONE, Expect.status(200)),
                row(DEMO, Call.PIPELINE, Target.NONE, Expect.status(200)),
                row(MARK, Call.PIPELINE, Target.NONE, Expect.status(403)),
                row(ANONYMOUS, Call.PIPELINE, Target.NONE, Expect.status(401)),
                row(SAM, Call.PIPELINE_OF_RITA, Target.NONE, Expect.status(403)),
                row(MIA, Call.PIPELINE_OF_RITA, Target.NONE, Expect.status(200)),
                row(DEMO, Call.PIPELINE_OF_RITA, Target.NONE, Expect.status(200)),
                row(MARK, Call.PIPELINE_OF_RITA, Target.NONE, Expect.status(403)),
                row(SAM, Call.FUNNEL, Target.NONE, Expect.status(200)),
                row(MIA, Call.FUNNEL, Target.NONE, Expect.status(200)),
                row(MARK, Call.FUNNEL, Target.NONE, Expect.status(403)),
                row(SAM, Call.FUNNEL_OF_RITA, Target.NONE, Expect.status(403)),
                row(MIA, Call.FUNNEL_OF_RITA, Target.NONE, Expect.status(200)),
                row(SAM, Call.FORECAST, Target.NONE, Expect.status(200)),
                row(MIA, Call.FORECAST, Target.NONE, Expect.status(200)),
                row(MARK, Call.FORECAST, Target.NONE, Expect.status(403)),
                row(SAM, Call.FORECAST_OF_RITA, Target.NONE, Expect.status(403)),
                row(MIA, Call.FORECAST_OF_RITA, Target.NONE, Expect.status(200)),

                // ---------------------------------------------------------------- our API: leads and contacts
                row(MARK, Call.HANDOFF, Target.NONE, Expect.status(200)),
                row(MIA, Call.HANDOFF, Target.NONE, Expect.status(200)),
                row(DEMO, Call.HANDOFF, Target.NONE, Expect.status(200)),
                row(SAM, Call.HANDOFF, Target.NONE, Expect.status(403)),
                row(RITA, Call.HANDOFF, Target.NONE, Expect.status(403)),
                row(ANONYMOUS, Call.HANDOFF, Target.NONE, Expect.status(401)),
                row(MARK, Call.CAPTURE_LEAD, Target.NONE, Expect.status(201)),
                row(MIA, Call.CAPTURE_LEAD, Target.NONE, Expect.status(201)),
                row(DEMO, Call.CAPTURE_LEAD, Target.NONE, Expect.status(201)),
                row(SAM, Call.CAPTURE_LEAD, Target.NONE, Expect.status(403)),
                row(ANONYMOUS, Call.CAPTURE_LEAD, Target.NONE, Expect.status(401)),
                row(MARK, Call.IMPORT_LEADS, Target.NONE, Expect.success()),
                row(MIA, Call.IMPORT_LEADS, Target.NONE, Expect.success()),
                row(DEMO, Call.IMPORT_LEADS, Target.NONE, Expect.success()),
                row(SAM, Call.IMPORT_LEADS, Target.NONE, Expect.status(403)),
                row(ANONYMOUS, Call.IMPORT_LEADS, Target.NONE, Expect.status(401)),
                row(MARK, Call.IMPORT_STATUS, Target.NONE, Expect.status(200)),
                row(MIA, Call.IMPORT_STATUS, Target.NONE, Expect.status(200)),
                row(DEMO, Call.IMPORT_STATUS, Target.NONE, Expect.status(200)),
                row(SAM, Call.IMPORT_STATUS, Target.NONE, Expect.status(403)),
                row(RITA, Call.IMPORT_STATUS, Target.NONE, Expect.status(403)),
                row(ANONYMOUS, Call.IMPORT_STATUS, Target.NONE, Expect.status(401)),
                row(MARK, Call.PREVIEW_IMPORT, Target.NONE, Expect.status(200)),
                row(MIA, Call.PREVIEW_IMPORT, Target.NONE, Expect.status(200)),
                row(DEMO, Call.PREVIEW_IMPORT, Target.NONE, Expect.status(200)),
                row(SAM, Call.PREVIEW_IMPORT, Target.NONE, Expect.status(403)),
                row(RITA, Call.PREVIEW_IMPORT, Target.NONE, Expect.status(403)),
                row(ANONYMOUS, Call.PREVIEW_IMPORT, Target.NONE, Expect.status(401)),
                row(MARK, Call.FIND_CONTACT, Target.CONTACT, Expect.status(200)),
                row(MIA, Call.FIND_CONTACT, Target.CONTACT, Expect.status(200)),
                row(DEMO, Call.FIND_CONTACT, Target.CONTACT, Expect.status(200)),
                row(SAM, Call.FIND_CONTACT, Target.CONTACT, Expect.status(403)),
                row(RITA, Call.FIND_CONTACT, Target.CONTACT, Expect.status(403)),
                row(ANONYMOUS, Call.FIND_CONTACT, Target.CONTACT, Expect.status(401)),
                row(MARK, Call.GET_CONTACT, Target.CONTACT, Expect.status(200)),
                row(MIA, Call.GET_CONTACT, Target.CONTACT, Expect.status(200)),
                row(DEMO, Call.GET_CONTACT, Target.CONTACT, Expect.status(200)),
                row(SAM, Call.GET_CONTACT, Target.CONTACT, Expect.status(403)),
                row(MARK, Call.CONSENT, Target.CONTACT, Expect.status(200)),
                row(MIA, Call.CONSENT, Target.CONTACT, Expect.status(200)),
                row(DEMO, Call.CONSENT, Target.CONTACT, Expect.status(200)),
                row(SAM, Call.CONSENT, Target.CONTACT, Expect.status(403)),
                row(ANONYMOUS, Call.CONSENT, Target.CONTACT, Expect.status(401)),
                row(MARK, Call.TIME_ZONE, Target.CONTACT, Expect.status(200)),
                row(MIA, Call.TIME_ZONE, Target.CONTACT, Expect.status(200)),
                row(DEMO, Call.TIME_ZONE, Target.CONTACT, Expect.status(200)),
                row(SAM, Call.TIME_ZONE, Target.CONTACT, Expect.status(403)),
                row(ANONYMOUS, Call.TIME_ZONE, Target.CONTACT, Expect.status(401)),
                row(MIA, Call.EXPORT_CONTACT, Target.CONTACT, Expect.status(200)),
                row(DEMO, Call.EXPORT_CONTACT, Target.CONTACT, Expect.status(200)),
                row(SAM, Call.EXPORT_CONTACT, Target.CONTACT, Expect.status(403)),
                row(MARK, Call.EXPORT_CONTACT, Target.CONTACT, Expect.status(403)),
                row(ANONYMOUS, Call.EXPORT_CONTACT, Target.CONTACT, Expect.status(401)),
                row(MIA, Call.ERASE_CONTACT, Target.CONTACT, Expect.status(200)),
                row(DEMO, Call.ERASE_CONTACT, Target.CONTACT, Expect.status(200)),
                row(SAM, Call.ERASE_CONTACT, Target.CONTACT, Expect.status(403)),
                row(MARK, Call.ERASE_CONTACT, Target.CONTACT, Expect.status(403)),
                row(ANONYMOUS, Call.ERASE_CONTACT, Target.CONTACT, Expect.status(401)),
                row(MIA, Call.AUDIT, Target.NONE, Expect.status(200)),
                row(DEMO, Call.AUDIT, Target.NONE, Expect.status(200)),
                row(SAM, Call.AUDIT, Target.NONE, Expect.status(403)),
                row(RITA, Call.AUDIT, Target.NONE, Expect.status(403)),
                row(MARK, Call.AUDIT, Target.NONE, Expect.status(403)),
                row(ANONYMOUS, Call.AUDIT, Target.NONE, Expect.status(401)),

                // ---------------------------------------------------------------- /engine-rest: reading
                row(SAM, Call.ENGINE_TASKS_OF_INSTANCE, Target.SAMS, Expect.LISTED),
                row(SAM, Call.ENGINE_TASKS_OF_INSTANCE, Target.TEAM, Expect.LISTED),
                row(SAM, Call.ENGINE_TASKS_OF_INSTANCE, Target.RITAS, Expect.EMPTY),
                row(RITA, Call.ENGINE_TASKS_OF_INSTANCE, Target.RITAS, Expect.LISTED),
                row(RITA, Call.ENGINE_TASKS_OF_INSTANCE, Target.TEAM, Expect.LISTED),
                row(RITA, Call.ENGINE_TASKS_OF_INSTANCE, Target.SAMS, Expect.EMPTY),
                row(MIA, Call.ENGINE_TASKS_OF_INSTANCE, Target.SAMS, Expect.LISTED),
                row(MIA, Call.ENGINE_TASKS_OF_INSTANCE, Target.RITAS, Expect.LISTED),
                row(MIA, Call.ENGINE_TASKS_OF_INSTANCE, Target.TEAM, Expect.LISTED),
                row(DEMO, Call.ENGINE_TASKS_OF_INSTANCE, Target.RITAS, Expect.LISTED),
                row(MARK, Call.ENGINE_TASKS_OF_INSTANCE, Target.SAMS, Expect.EMPTY),
                row(MARK, Call.ENGINE_TASKS_OF_INSTANCE, Target.TEAM, Expect.EMPTY),
                row(ANONYMOUS, Call.ENGINE_TASKS_OF_INSTANCE, Target.SAMS, Expect.status(401)),
                row(SAM, Call.ENGINE_SALES_TASKS, Target.SAMS, Expect.LISTED),
                row(SAM, Call.ENGINE_SALES_TASKS, Target.TEAM, Expect.LISTED),
                row(SAM, Call.ENGINE_SALES_TASKS, Target.RITAS, Expect.ABSENT),
                row(RITA, Call.ENGINE_SALES_TASKS, Target.RITAS, Expect.LISTED),
                row(RITA, Call.ENGINE_SALES_TASKS, Target.SAMS, Expect.ABSENT),
                row(MIA, Call.ENGINE_SALES_TASKS, Target.SAMS, Expect.LISTED),
                row(MIA, Call.ENGINE_SALES_TASKS, Target.RITAS, Expect.LISTED),
                row(MIA, Call.ENGINE_SALES_TASKS, Target.TEAM, Expect.LISTED),
                row(MARK, Call.ENGINE_SALES_TASKS, Target.NONE, Expect.EMPTY),
                row(SAM, Call.ENGINE_SALES_CANDIDATE_TASKS, Target.SAMS, Expect.LISTED),
                row(SAM, Call.ENGINE_SALES_CANDIDATE_TASKS, Target.TEAM, Expect.LISTED),
                row(SAM, Call.ENGINE_SALES_CANDIDATE_TASKS, Target.RITAS, Expect.ABSENT),
                row(RITA, Call.ENGINE_SALES_CANDIDATE_TASKS, Target.SAMS, Expect.ABSENT),
                row(SAM, Call.ENGINE_HISTORIC_SALES_TASKS, Target.SAMS, Expect.LISTED),
                row(SAM, Call.ENGINE_HISTORIC_SALES_TASKS, Target.RITAS, Expect.ABSENT),
                row(MIA, Call.ENGINE_HISTORIC_SALES_TASKS, Target.RITAS, Expect.LISTED),
                row(MARK, Call.ENGINE_HISTORIC_SALES_TASKS, Target.NONE, Expect.EMPTY),
                row(SAM, Call.ENGINE_TASK_IDENTITY_LINKS, Target.SAMS, Expect.status(200)),
                row(SAM, Call.ENGINE_TASK_IDENTITY_LINKS, Target.RITAS, Expect.status(403, 404)),
                row(SAM, Call.ENGINE_TASK, Target.SAMS, Expect.status(200)),
                row(SAM, Call.ENGINE_TASK, Target.TEAM, Expect.status(200)),
                row(SAM, Call.ENGINE_TASK, Target.RITAS, Expect.status(404)),
                row(RITA, Call.ENGINE_TASK, Target.SAMS, Expect.status(404)),
                row(MIA, Call.ENGINE_TASK, Target.RITAS, Expect.status(200)),
                row(MARK, Call.ENGINE_TASK, Target.SAMS, Expect.status(403, 404)),
                row(SAM, Call.ENGINE_FORM_VARIABLES, Target.SAMS, Expect.status(200)),
                row(SAM, Call.ENGINE_FORM_VARIABLES, Target.TEAM, Expect.status(200)),
                row(SAM, Call.ENGINE_FORM_VARIABLES, Target.RITAS, Expect.status(403, 404)),
                row(MIA, Call.ENGINE_FORM_VARIABLES, Target.RITAS, Expect.status(200)),
                row(MARK, Call.ENGINE_FORM_VARIABLES, Target.SAMS, Expect.status(403, 404)),
                row(SAM, Call.ENGINE_INSTANCE, Target.SAMS, Expect.status(200)),
                row(SAM, Call.ENGINE_INSTANCE, Target.TEAM, Expect.status(200)),
                row(SAM, Call.ENGINE_INSTANCE, Target.RITAS, Expect.status(404)),
                row(RITA, Call.ENGINE_INSTANCE, Target.RITAS, Expect.status(200)),
                row(MIA, Call.ENGINE_INSTANCE, Target.RITAS, Expect.status(200)),
                row(MARK, Call.ENGINE_INSTANCE, Target.SAMS, Expect.status(403, 404)),
                row(SAM, Call.ENGINE_INSTANCE_VARIABLES, Target.SAMS, Expect.status(200)),
                row(SAM, Call.ENGINE_INSTANCE_VARIABLES, Target.RITAS, Expect.status(403, 404)),
                row(MIA, Call.ENGINE_INSTANCE_VARIABLES, Target.RITAS, Expect.status(200)),
                row(MARK, Call.ENGINE_INSTANCE_VARIABLES, Target.SAMS, Expect.status(403, 404)),
                row(SAM, Call.ENGINE_INSTANCES_BY_BUSINESS_KEY, Target.SAMS, Expect.LISTED),
                row(SAM, Call.ENGINE_INSTANCES_BY_BUSINESS_KEY, Target.TEAM, Expect.LISTED),
                row(SAM, Call.ENGINE_INSTANCES_BY_BUSINESS_KEY, Target.RITAS, Expect.EMPTY),
                row(MIA, Call.ENGINE_INSTANCES_BY_BUSINESS_KEY, Target.RITAS, Expect.LISTED),
                row(MARK, Call.ENGINE_INSTANCES_BY_BUSINESS_KEY, Target.SAMS, Expect.EMPTY),
                row(SAM, Call.ENGINE_HISTORIC_INSTANCE, Target.SAMS, Expect.LISTED),
                row(SAM, Call.ENGINE_HISTORIC_INSTANCE, Target.TEAM, Expect.LISTED),
                row(SAM, Call.ENGINE_HISTORIC_INSTANCE, Target.RITAS, Expect.EMPTY),
                row(RITA, Call.ENGINE_HISTORIC_INSTANCE, Target.RITAS, Expect.LISTED),
                row(MIA, Call.ENGINE_HISTORIC_INSTANCE, Target.RITAS, Expect.LISTED),
                row(MARK, Call.ENGINE_HISTORIC_INSTANCE, Target.SAMS, Expect.EMPTY),
                row(SAM, Call.ENGINE_HISTORIC_TASKS, Target.SAMS, Expect.LISTED),
                row(SAM, Call.ENGINE_HISTORIC_TASKS, Target.RITAS, Expect.EMPTY),
                row(MIA, Call.ENGINE_HISTORIC_TASKS, Target.RITAS, Expect.LISTED),
                row(SAM, Call.ENGINE_HISTORIC_VARIABLES, Target.SAMS, Expect.LISTED),
                row(SAM, Call.ENGINE_HISTORIC_VARIABLES, Target.RITAS, Expect.EMPTY),
                row(MIA, Call.ENGINE_HISTORIC_VARIABLES, Target.RITAS, Expect.LISTED),

                row(SAM, Call.ENGINE_TASK_VARIABLES, Target.SAMS, Expect.status(200)),
                row(SAM, Call.ENGINE_TASK_VARIABLES, Target.RITAS, Expect.status(403, 404)),
                row(SAM, Call.ENGINE_TASK_FORM, Target.RITAS, Expect.status(403, 404)),
                row(SAM, Call.ENGINE_DEPLOYED_FORM, Target.SAMS, Expect.status(200)),
                row(SAM, Call.ENGINE_DEPLOYED_FORM, Target.RITAS, Expect.status(403, 404)),
                row(SAM, Call.ENGINE_ACTIVITY_INSTANCES, Target.SAMS, Expect.status(200)),
                row(SAM, Call.ENGINE_ACTIVITY_INSTANCES, Target.RITAS, Expect.status(403, 404)),
                row(MIA, Call.ENGINE_ACTIVITY_INSTANCES, Target.RITAS, Expect.status(200)),
                row(SAM, Call.ENGINE_VARIABLE_INSTANCES, Target.SAMS, Expect.LISTED),
                row(SAM, Call.ENGINE_VARIABLE_INSTANCES, Target.RITAS, Expect.EMPTY),
                row(MARK, Call.ENGINE_VARIABLE_INSTANCES, Target.SAMS, Expect.EMPTY),
                row(SAM, Call.ENGINE_EXECUTIONS, Target.SAMS, Expect.LISTED),
                row(SAM, Call.ENGINE_EXECUTIONS, Target.RITAS, Expect.EMPTY),
                row(SAM, Call.ENGINE_HISTORIC_ACTIVITIES, Target.SAMS, Expect.LISTED),
                row(SAM, Call.ENGINE_HISTORIC_ACTIVITIES, Target.RITAS, Expect.EMPTY),
                row(MIA, Call.ENGINE_HISTORIC_ACTIVITIES, Target.RITAS, Expect.LISTED),
                row(SAM, Call.ENGINE_HISTORIC_DETAILS, Target.RITAS_SUBMITTED, Expect.EMPTY),
                row(MIA, Call.ENGINE_HISTORIC_DETAILS, Target.RITAS_SUBMITTED, Expect.LISTED),

                // ---------------------------------------------------------------- the web apps' engine API
                row(SAM, Call.TASKLIST_ALL_OPEN_DEALS, Target.SAMS, Expect.LISTED),
                row(SAM, Call.TASKLIST_ALL_OPEN_DEALS, Target.TEAM, Expect.LISTED),
                row(SAM, Call.TASKLIST_ALL_OPEN_DEALS, Target.RITAS, Expect.ABSENT),
                row(RITA, Call.TASKLIST_ALL_OPEN_DEALS, Target.RITAS, Expect.LISTED),
                row(RITA, Call.TASKLIST_ALL_OPEN_DEALS, Target.SAMS, Expect.ABSENT),
                row(MIA, Call.TASKLIST_ALL_OPEN_DEALS, Target.SAMS, Expect.LISTED),
                row(MIA, Call.TASKLIST_ALL_OPEN_DEALS, Target.RITAS, Expect.LISTED),
                row(MIA, Call.TASKLIST_ALL_OPEN_DEALS, Target.TEAM, Expect.LISTED),
                row(DEMO, Call.TASKLIST_ALL_OPEN_DEALS, Target.RITAS, Expect.LISTED),
                row(MARK, Call.TASKLIST_ALL_OPEN_DEALS, Target.SAMS, Expect.ABSENT),
                row(SAM, Call.TASKLIST_TASK, Target.SAMS, Expect.status(200)),
                row(SAM, Call.TASKLIST_TASK, Target.RITAS, Expect.status(404)),
                row(SAM, Call.TASKLIST_FORM_VARIABLES, Target.RITAS, Expect.status(403, 404)),
                row(SAM, Call.COCKPIT_INSTANCE, Target.SAMS, Expect.status(200)),
                row(SAM, Call.COCKPIT_INSTANCE, Target.RITAS, Expect.status(404)),
                row(MIA, Call.COCKPIT_INSTANCE, Target.RITAS, Expect.status(200)),
                row(SAM, Call.COCKPIT_INSTANCES, Target.SAMS, Expect.LISTED),
                row(SAM, Call.COCKPIT_INSTANCES, Target.TEAM, Expect.LISTED),
                row(SAM, Call.COCKPIT_INSTANCES, Target.RITAS, Expect.ABSENT),
                row(MIA, Call.COCKPIT_INSTANCES, Target.RITAS, Expect.LISTED),
                row(SAM, Call.COCKPIT_HISTORIC_INSTANCE, Target.SAMS, Expect.LISTED),
                row(SAM, Call.COCKPIT_HISTORIC_INSTANCE, Target.RITAS, Expect.EMPTY),
                row(MIA, Call.COCKPIT_HISTORIC_INSTANCE, Target.RITAS, Expect.LISTED),

                // ---------------------------------------------------------------- /engine-rest: email tasks
                // the email tasks are worked by the app's own worker, with no user: nobody may lock one through
                // the API to keep it from being sent, or complete one as if it had been
                row(SAM, Call.ENGINE_FETCH_EMAIL_TASKS, Target.SAMS, Expect.EMPTY),
                row(RITA, Call.ENGINE_FETCH_EMAIL_TASKS, Target.TEAM, Expect.EMPTY),
                row(MARK, Call.ENGINE_FETCH_EMAIL_TASKS, Target.SAMS, Expect.EMPTY),
                row(ANONYMOUS, Call.ENGINE_FETCH_EMAIL_TASKS, Target.SAMS, Expect.status(401)),
                row(SAM, Call.ENGINE_COMPLETE_EMAIL_TASK, Target.SAMS, Expect.status(400, 403, 404)),
                row(MARK, Call.ENGINE_COMPLETE_EMAIL_TASK, Target.SAMS, Expect.status(400, 403, 404)),
                row(ANONYMOUS, Call.ENGINE_COMPLETE_EMAIL_TASK, Target.SAMS, Expect.status(401)),

                // ---------------------------------------------------------------- /engine-rest: changing
                row(SAM, Call.ENGINE_CLAIM, Target.TEAM, Expect.status(204)),
                row(RITA, Call.ENGINE_CLAIM, Target.TEAM, Expect.status(204)),
                row(SAM, Call.ENGINE_CLAIM, Target.RITAS, Expect.status(403, 404)),
                row(MARK, Call.ENGINE_CLAIM, Target.TEAM, Expect.status(403, 404)),
                row(ANONYMOUS, Call.ENGINE_CLAIM, Target.TEAM, Expect.status(401)),
                row(SAM, Call.ENGINE_COMPLETE_LOST, Target.RITAS, Expect.status(403, 404)),
                row(SAM, Call.ENGINE_COMPLETE_LOST, Target.SAMS, Expect.status(204)),
                row(RITA, Call.ENGINE_COMPLETE_LOST, Target.RITAS, Expect.status(204)),
                row(MIA, Call.ENGINE_COMPLETE_LOST, Target.RITAS, Expect.status(204)),
                row(MARK, Call.ENGINE_COMPLETE_LOST, Target.SAMS, Expect.status(403, 404)),
                row(MARK, Call.ENGINE_COMPLETE_LOST, Target.TEAM, Expect.status(403, 404)),
                row(SAM, Call.ENGINE_COMPLETE_ADVANCE, Target.SAMS, Expect.status(204)),
                row(SAM, Call.ENGINE_COMPLETE_ADVANCE, Target.RITAS, Expect.status(403, 404)),
                row(MIA, Call.ENGINE_COMPLETE_ADVANCE, Target.SAMS, Expect.status(204)),
                row(DEMO, Call.ENGINE_COMPLETE_ADVANCE, Target.RITAS, Expect.status(204)),
                row(MARK, Call.ENGINE_COMPLETE_ADVANCE, Target.SAMS, Expect.status(403, 404)),
                row(SAM, Call.ENGINE_SUBMIT_FORM_LOST, Target.RITAS, Expect.status(403, 404)),
                row(SAM, Call.ENGINE_SUBMIT_FORM_LOST, Target.SAMS, Expect.status(204)),
                row(SAM, Call.ENGINE_COMPLETE_SETTING_OWNER, Target.SAMS, Expect.status(400)),
                row(MIA, Call.ENGINE_COMPLETE_SETTING_OWNER, Target.SAMS, Expect.status(400)),
                row(SAM, Call.ENGINE_COMPLETE_SETTING_FOO, Target.SAMS, Expect.status(400)),
                row(SAM, Call.ENGINE_SET_INSTANCE_VARIABLE, Target.SAMS, Expect.status(403, 400)),
                row(SAM, Call.ENGINE_SET_INSTANCE_VARIABLE, Target.TEAM, Expect.status(403, 400)),
                row(SAM, Call.ENGINE_SET_INSTANCE_VARIABLE, Target.RITAS, Expect.status(403, 404)),
                row(MIA, Call.ENGINE_SET_INSTANCE_VARIABLE, Target.SAMS, Expect.status(403, 400)),
                row(SAM, Call.ENGINE_PUT_TASK_VARIABLE, Target.SAMS, Expect.status(403, 400)),
                row(SAM, Call.ENGINE_PUT_TASK_VARIABLE, Target.RITAS, Expect.status(403, 404)),
                row(MIA, Call.ENGINE_PUT_TASK_VARIABLE, Target.SAMS, Expect.status(403, 400)),
                row(SAM, Call.ENGINE_MODIFY_TASK_VARIABLES, Target.SAMS, Expect.status(403, 400)),
                row(SAM, Call.ENGINE_MODIFY_TASK_VARIABLES, Target.RITAS, Expect.status(403, 404)),
                row(SAM, Call.ENGINE_PUT_TASK_LOCAL_VARIABLE, Target.SAMS, Expect.status(403, 400)),
                row(SAM, Call.ENGINE_BPMN_ERROR_WITH_VARIABLE, Target.SAMS, Expect.status(403, 400)),
                row(SAM, Call.ENGINE_BPMN_ERROR_WITH_VARIABLE, Target.RITAS, Expect.status(403, 404)),
                row(SAM, Call.ENGINE_ESCALATION_WITH_VARIABLE, Target.SAMS, Expect.status(403, 400)),
                row(SAM, Call.ENGINE_CORRELATE_REPLY_WITH_VARIABLE, Target.PROPOSAL, Expect.status(403, 400)),
                // a rep works his stage and changes nothing else of it in the engine (he hands a deal over with
                // PUT /api/deals/{id}/owner); a manager gives stages to others, and the deal follows
                row(SAM, Call.ENGINE_UNCLAIM, Target.SAMS, Expect.status(403)),
                row(SAM, Call.ENGINE_ASSIGN_TO_RITA, Target.SAMS, Expect.status(403)),
                row(MIA, Call.ENGINE_ASSIGN_TO_RITA, Target.SAMS, Expect.status(204)),
                row(MIA, Call.ENGINE_UNCLAIM, Target.SAMS, Expect.status(204)),
                row(SAM, Call.ENGINE_UPDATE_TASK, Target.SAMS, Expect.status(403)),
                // the rep's next step: whoever works a stage sets its follow-up date, and only that (the due date is
                // the model's: when the deal turns idle)
                row(SAM, Call.ENGINE_SET_FOLLOW_UP, Target.SAMS, Expect.status(204)),
                row(SAM, Call.ENGINE_SET_FOLLOW_UP, Target.TEAM, Expect.status(204)),
                row(RITA, Call.ENGINE_SET_FOLLOW_UP, Target.RITAS, Expect.status(204)),
                row(MIA, Call.ENGINE_SET_FOLLOW_UP, Target.SAMS, Expect.status(204)),
                row(DEMO, Call.ENGINE_SET_FOLLOW_UP, Target.RITAS, Expect.status(204)),
                row(SAM, Call.ENGINE_SET_FOLLOW_UP, Target.RITAS, Expect.status(403, 404)),
                row(RITA, Call.ENGINE_SET_FOLLOW_UP, Target.SAMS, Expect.status(403, 404)),
                row(MARK, Call.ENGINE_SET_FOLLOW_UP, Target.SAMS, Expect.status(403, 404)),
                row(MARK, Call.ENGINE_SET_FOLLOW_UP, Target.TEAM, Expect.status(403, 404)),
                row(ANONYMOUS, Call.ENGINE_SET_FOLLOW_UP, Target.SAMS, Expect.status(401)),
                row(SAM, Call.ENGINE_SET_FOLLOW_UP_AND_DUE, Target.SAMS, Expect.status(403)),
                row(SAM, Call.ENGINE_SET_FOLLOW_UP_AND_DUE, Target.TEAM, Expect.status(403)),
                row(SAM, Call.ENGINE_SET_FOLLOW_UP_AND_ASSIGNEE, Target.SAMS, Expect.status(403)),
                row(SAM, Call.ENGINE_SET_FOLLOW_UP_AND_ASSIGNEE, Target.TEAM, Expect.status(403)),
                row(SAM, Call.ENGINE_SET_FOLLOW_UP_AND_NAME, Target.SAMS, Expect.status(403)),
                row(SAM, Call.TASKLIST_SET_FOLLOW_UP, Target.SAMS, Expect.status(204)),
                row(SAM, Call.TASKLIST_SET_FOLLOW_UP, Target.RITAS, Expect.status(403, 404)),
                row(MARK, Call.TASKLIST_SET_FOLLOW_UP, Target.SAMS, Expect.status(403, 404)),
                row(SAM, Call.ENGINE_ASSIGN_TO_CALLER, Target.RITAS, Expect.status(403, 404)),
                row(SAM, Call.ENGINE_ASSIGN_TO_RITA, Target.TEAM, Expect.status(403, 404)),
                row(SAM, Call.ENGINE_UNCLAIM, Target.RITAS, Expect.status(403, 404)),
                row(MARK, Call.ENGINE_UNCLAIM, Target.SAMS, Expect.status(403, 404)),
                // Camunda answers 400 "No task found" for a task the caller may not see: a refusal all the same
                row(SAM, Call.ENGINE_COMMENT, Target.RITAS, Expect.status(400, 403, 404)),
                row(SAM, Call.ENGINE_SUSPEND_INSTANCE, Target.RITAS, Expect.status(403, 404)),
                row(MARK, Call.ENGINE_SUSPEND_INSTANCE, Target.SAMS, Expect.status(403, 404)),
                row(SAM, Call.TASKLIST_SUBMIT_FORM_WITH_DEAL_ID, Target.SAMS, Expect.status(400)),
                row(SAM, Call.TASKLIST_SUBMIT_FORM_LOST, Target.RITAS, Expect.status(403, 404)),
                row(SAM, Call.TASKLIST_CLAIM, Target.TEAM, Expect.status(204)),
                row(SAM, Call.TASKLIST_CLAIM, Target.RITAS, Expect.status(403, 404)),
                row(SAM, Call.ENGINE_MODIFY_INSTANCE, Target.SAMS, Expect.status(403, 400)),
                row(SAM, Call.ENGINE_MODIFY_INSTANCE, Target.RITAS, Expect.status(403, 404)),
                row(SAM, Call.ENGINE_START_FOR_DEAL, Target.RITAS, Expect.status(403, 400)),
                row(SAM, Call.ENGINE_START_FOR_DEAL, Target.SAMS, Expect.status(403, 400)),
                row(SAM, Call.ENGINE_DELETE_INSTANCE, Target.RITAS, Expect.status(403, 404)),
                row(MARK, Call.ENGINE_DELETE_INSTANCE, Target.SAMS, Expect.status(403, 404)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matrix")
    void cell(Cell cell) {
        Subject subject = cell.call().changes ? fresh(cell.target()) : shared(cell.target());
        Snapshot before = snapshot(subject);

        Api.Response response = cell.call().send(this, cell.user(), subject);

        // softly: a wrong status and what the call did anyway are both reported
        SoftAssertions soft = new SoftAssertions();
        soft.check(() -> cell.expect().check(cell, response, subject));
        boolean succeeded = response.status() >= 200 && response.status() < 300;
        if (cell.call().changes && (cell.expect().refuses() || !succeeded)) {
            soft.assertThat(snapshot(subject)).as("%s answered %d: nothing may have changed", cell, response.status())
                    .isEqualTo(before);
            soft.check(() -> cell.call().afterRefusal.verify(this, cell, subject, response));
        } else if (succeeded) {
            soft.check(() -> cell.call().afterSuccess.verify(this, cell, subject, response));
        }
        if (cell.call().path.startsWith("/api/") && Set.of(401, 403, 404).contains(response.status())) {
            soft.assertThat(response.contentType()).as("%s: every refusal of /api is a problem", cell)
                    .startsWith("application/problem+json");
        }
        soft.assertAll();
    }

    // ================================================================================================ focused tests

    @Test
    void anotherRepsDealIsNotFoundJustLikeADealThatDoesNotExist() {
        Subject ritas = shared(Target.RITAS);
        long unknown = 987_654_321L;

        Api.Response hidden = api.get("/api/deals/" + ritas.dealId(), SAM);
        Api.Response missing = api.get("/api/deals/" + unknown, SAM);

        assertThat(hidden.status()).as(hidden.body()).isEqualTo(404);
        assertThat(hidden.contentType()).startsWith("application/problem+json");
        assertThat(fieldNames(hidden.json())).isEqualTo(fieldNames(missing.json()));
        assertThat(hidden.json().path("title").asText()).isEqualTo(missing.json().path("title").asText());
        assertThat(hidden.json().path("detail").asText().replace(String.valueOf(ritas.dealId()), "{id}"))
                .isEqualTo(missing.json().path("detail").asText().replace(String.valueOf(unknown), "{id}"));
        assertThat(hidden.body()).doesNotContain(ritas.reference()).doesNotContain(ritas.companyName())
                .doesNotContain(RITA);
    }

    @Test
    void aTeamDealIsOpenToEveryRepUntilOneClaimsItsStage() {
        Subject team = open(null, MIA);
        Task task = tasks.createTaskQuery().taskId(team.taskId()).singleResult();
        assertThat(task.getAssignee()).as("a team deal's stage has no assignee").isNull();
        assertThat(tasks.getIdentityLinksForTask(task.getId())).extracting(IdentityLink::getGroupId)
                .contains("sales");
        JsonNode owner = api.get("/api/deals/" + team.dealId(), MIA).json().path("owner");
        assertThat(owner.isNull() || owner.isMissingNode()).as("a team deal has no owner: %s", owner).isTrue();
        assertThat(taskIdsOf(SAM, team)).containsExactly(team.taskId());
        assertThat(taskIdsOf(RITA, team)).containsExactly(team.taskId());

        Api.Response claim = api.post("/engine-rest/task/" + team.taskId() + "/claim", "{\"userId\": \"sam\"}", SAM);

        assertThat(claim.status()).as(claim.body()).isEqualTo(204);
        Api.Response samsView = api.get("/api/deals/" + team.dealId(), SAM);
        assertThat(samsView.status()).isEqualTo(200);
        assertThat(samsView.json().path("owner").asText()).as("claiming the stage takes the deal").isEqualTo(SAM);
        assertThat(api.get("/api/deals/" + team.dealId(), MIA).json().path("owner").asText()).isEqualTo(SAM);
        assertThat(api.get("/api/deals/" + team.dealId(), RITA).status()).isEqualTo(404);
        assertThat(taskIdsOf(RITA, team)).as("rita's tasks of the claimed deal").isEmpty();
        assertThat(salesTaskIds(RITA)).doesNotContain(team.taskId());
        assertThat(taskIdsOf(SAM, team)).containsExactly(team.taskId());
        assertThat(api.post("/engine-rest/task/" + team.taskId() + "/claim", "{\"userId\": \"rita\"}", RITA)
                .status()).as("rita claiming sam's stage afterwards").isIn(403, 404);
        assertThat(owner(team)).isEqualTo(SAM);
    }

    @Test
    void reassigningMovesTheDealAndItsStageBetweenRepsAndToTheTeam() {
        Subject deal = open(SAM, MIA);
        assertThat(api.get("/api/deals/" + deal.dealId(), SAM).status()).isEqualTo(200);
        assertThat(api.get("/api/deals/" + deal.dealId(), RITA).status()).isEqualTo(404);

        Api.Response toRita = api.put("/api/deals/" + deal.dealId() + "/owner", "{\"owner\": \"rita\"}", MIA);

        assertThat(toRita.status()).as(toRita.body()).isEqualTo(200);
        assertThat(owner(deal)).isEqualTo(RITA);
        assertThat(assignee(deal)).isEqualTo(RITA);
        assertThat(api.get("/api/deals/" + deal.dealId(), SAM).status()).isEqualTo(404);
        assertThat(api.get("/api/deals/" + deal.dealId(), RITA).json().path("owner").asText()).isEqualTo(RITA);
        assertThat(taskIdsOf(SAM, deal)).isEmpty();
        assertThat(taskIdsOf(RITA, deal)).containsExactly(deal.taskId());
        assertThat(api.get("/engine-rest/process-instance/" + deal.processInstanceId(), SAM).status())
                .isEqualTo(404);
        assertThat(api.get("/engine-rest/process-instance/" + deal.processInstanceId(), RITA).status())
                .isEqualTo(200);

        Api.Response toTeam = api.put("/api/deals/" + deal.dealId() + "/owner", "{\"owner\": null}", RITA);

        assertThat(toTeam.status()).as("rita hands her deal to the team: %s", toTeam.body()).isEqualTo(200);
        assertThat(owner(deal)).isNull();
        assertThat(assignee(deal)).isNull();
        assertThat(api.get("/api/deals/" + deal.dealId(), SAM).status()).isEqualTo(200);
        assertThat(api.get("/api/deals/" + deal.dealId(), RITA).status()).isEqualTo(200);
        assertThat(taskIdsOf(SAM, deal)).containsExactly(deal.taskId());
        assertThat(taskIdsOf(RITA, deal)).containsExactly(deal.taskId());

        Api.Response taken = api.put("/api/deals/" + deal.dealId() + "/owner", "{\"owner\": \"sam\"}", SAM);

        assertThat(taken.status()).as("sam takes the team deal: %s", taken.body()).isEqualTo(200);
        assertThat(owner(deal)).isEqualTo(SAM);
        assertThat(assignee(deal)).isEqualTo(SAM);
        assertThat(api.get("/api/deals/" + deal.dealId(), RITA).status()).isEqualTo(404);
        assertThat(taskIdsOf(RITA, deal)).isEmpty();
    }

    @Test
    void aCompletionWithAVariableOutsideTheFormIsRefusedNamingIt() {
        Subject sams = open(SAM, MIA);

        Api.Response refused = api.post("/engine-rest/task/" + sams.taskId() + "/complete", """
                {"variables": {"outcome": {"value": "advance"}, "owner": {"value": "rita"}}}""", SAM);

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().at("/errors/0/field").asText()).isEqualTo("variables.owner");
        assertThat(refused.json().get("detail").asText()).startsWith("owner: is not a field of this task's form");
        assertThat(stageKey(sams)).isEqualTo("MeetingBooked");
        assertThat(owner(sams)).isEqualTo(SAM);
    }

    @Test
    void aStageBelongsToTheDealOfItsProcessInstanceNotToADealIdVariable() {
        Subject sams = open(SAM, MIA);
        Subject ritas = open(RITA, MIA);
        Snapshot ritasBefore = snapshot(ritas);
        String body = """
                {"variables": {"outcome": {"value": "advance"}, "needs": {"value": "A fleet of 40 trucks"},
                               "dealId": {"value": %d, "type": "Long"}}}""".formatted(ritas.dealId());

        Api.Response complete = api.post("/engine-rest/task/" + sams.taskId() + "/complete", body, SAM);

        assertThat(complete.status()).as(complete.body()).isIn(204, 400);
        assertRitasDealUntouched(ritas, ritasBefore);
        if (complete.status() == 204) {
            assertThat(stageKey(sams)).as("the completion moved sam's own deal").isEqualTo("NeedsAssessed");
            assertThat(runtime.getVariable(sams.processInstanceId(), "dealId"))
                    .as("sam's instance still names sam's deal").isEqualTo(sams.dealId());
        } else {
            assertThat(stageKey(sams)).isEqualTo("MeetingBooked");
        }
        // the next stage of sam's deal, with a foreign dealId again: the stage after is still sam's
        String nextTask = tasks.createTaskQuery().processInstanceId(sams.processInstanceId()).singleResult().getId();
        Api.Response lost = api.post("/engine-rest/task/" + nextTask + "/complete", """
                {"variables": {"outcome": {"value": "lost"}, "lostReason": {"value": "NO_BUDGET"},
                               "dealId": {"value": %d, "type": "Long"}}}""".formatted(ritas.dealId()), SAM);
        assertThat(lost.status()).as(lost.body()).isIn(204, 400);
        assertRitasDealUntouched(ritas, ritasBefore);
        if (lost.status() == 204) {
            assertThat(status(sams)).as("the lost outcome closed sam's own deal").isEqualTo("LOST");
        }
    }

    @Test
    void aRepCannotShowHisStageToAnotherRepOrToMarketingThroughIdentityLinks() {
        Subject sams = open(SAM, MIA);

        Api.Response toRita = api.post("/engine-rest/task/" + sams.taskId() + "/identity-links",
                "{\"userId\": \"rita\", \"type\": \"candidate\"}", SAM);
        Api.Response toMarketing = api.post("/engine-rest/task/" + sams.taskId() + "/identity-links",
                "{\"groupId\": \"marketing\", \"type\": \"candidate\"}", SAM);

        // refused, or without effect on who sees the deal: it is still sam's alone
        String tried = "identity links answered " + toRita.status() + " " + toRita.body() + " / " + toMarketing.status()
                + " " + toMarketing.body();
        assertThat(taskIdsOf(RITA, sams)).as(tried).isEmpty();
        assertThat(api.get("/engine-rest/task/" + sams.taskId(), RITA).status()).as(tried).isEqualTo(404);
        assertThat(api.get("/api/deals/" + sams.dealId(), RITA).status()).as(tried).isEqualTo(404);
        assertThat(taskIdsOf(MARK, sams)).as(tried).isEmpty();
        assertThat(api.post("/engine-rest/task/" + sams.taskId() + "/complete", LOST, RITA).status()).as(tried)
                .isIn(403, 404);
        assertThat(status(sams)).isEqualTo("OPEN");
    }

    @Test
    void anIdempotencyKeyNeverAnswersWithAnotherUsersDeal() {
        String key = "matrix-" + unique();
        Api.Response sams = api.request("POST", "/api/deals", dealBody("\"sam\""), SAM, SAM, "Idempotency-Key", key);
        assertThat(sams.status()).as(sams.body()).isEqualTo(201);
        JsonNode samsDeal = sams.json();

        Api.Response ritas = api.request("POST", "/api/deals", dealBody("\"rita\""), RITA, RITA, "Idempotency-Key", key);

        assertThat(ritas.body()).as("rita using sam's key: %d", ritas.status())
                .doesNotContain(samsDeal.path("reference").asText())
                .doesNotContain(samsDeal.at("/company/name").asText());
        if (ritas.status() == 201) {
            assertThat(ritas.json().path("id").asLong()).isNotEqualTo(samsDeal.path("id").asLong());
            assertThat(ritas.json().path("owner").asText()).isEqualTo(RITA);
        }
        assertThat(api.get("/api/deals/" + samsDeal.path("id").asLong(), RITA).status()).isEqualTo(404);
    }

    @Test
    void aCockpitLoginReadsOurApiWithTheSameRights() {
        Subject sams = shared(Target.SAMS);
        Subject ritas = shared(Target.RITAS);
        TasklistSession cockpit = session("cockpit", SAM);

        assertThat(cockpit.get("/api/deals/" + sams.dealId(), "application/json").status()).isEqualTo(200);
        TasklistSession.Response hidden = cockpit.get("/api/deals/" + ritas.dealId(), "application/json");
        assertThat(hidden.status()).as("sam's Cockpit session reading rita's deal: %s", hidden).isEqualTo(404);
        assertThat(hidden.body()).doesNotContain(ritas.companyName());
        assertThat(cockpit.get("/api/pipeline?owner=rita", "application/json").status()).isEqualTo(403);
        assertThat(figures(cockpit.get("/api/pipeline", "application/json").json()))
                .as("sam's pipeline in Cockpit is his own").isEqualTo(figures(api.get("/api/pipeline", SAM).json()));
        // a Tasklist login (marketing cannot log in to Cockpit) reads nothing of ours
        TasklistSession.Response marketing = session("tasklist", MARK).get("/api/deals/" + sams.dealId(),
                "application/json");
        assertThat(marketing.status()).as("mark's Tasklist session: %s", marketing).isIn(401, 403);
    }

    @Test
    void delegatingAStageKeepsTheApiAndTheEngineInAgreement() {
        Subject sams = open(SAM, MIA);

        Api.Response delegated = api.post("/engine-rest/task/" + sams.taskId() + "/delegate",
                "{\"userId\": \"rita\"}", SAM);

        String tried = "delegate answered " + delegated.status() + " " + delegated.body();
        assertThat(owner(sams)).as("%s: the deal's owner is its stage's assignee", tried).isEqualTo(assignee(sams));
        for (String rep : List.of(SAM, RITA)) {
            boolean owns = rep.equals(owner(sams));
            assertThat(api.get("/api/deals/" + sams.dealId(), rep).status()).as("%s: %s on /api", tried, rep)
                    .isEqualTo(owns ? 200 : 404);
            assertThat(taskIdsOf(rep, sams)).as("%s: %s's tasks of the deal", tried, rep)
                    .hasSize(owns ? 1 : 0);
        }
    }

    @Test
    void aRepCannotMoveAnotherRepsDealThroughAnInstanceOfHisOwnStartedWithItsReference() {
        Subject ritas = open(RITA, MIA);
        Snapshot before = snapshot(ritas);

        Api.Response start = startAtFirstStage(SAM, ritas);

        // whatever the start answered: a stage sam got that way must not move rita's deal
        SoftAssertions soft = new SoftAssertions();
        for (Task task : tasks.createTaskQuery().processInstanceBusinessKey(ritas.reference()).list()) {
            if (!task.getProcessInstanceId().equals(ritas.processInstanceId())) {
                Api.Response lost = api.post("/engine-rest/task/" + task.getId() + "/complete", LOST, SAM);
                soft.assertThat(lost.status()).as("sam completes the stage of his own instance: %s", lost.body())
                        .isIn(204, 400, 403, 404);
            }
        }
        soft.assertThat(snapshot(ritas)).as("rita's deal after sam started an instance with its reference (%d %s)",
                start.status(), start.body()).isEqualTo(before);
        soft.assertThat(status(ritas)).isEqualTo("OPEN");
        soft.assertThat(start.status()).as("starting the sales process by hand: %s", start.body()).isIn(400, 403);
        soft.assertAll();
    }

    @Test
    void aClosedDealCannotBeReachedThroughTheDealIdOfAnotherStage() {
        Subject won = closed(SAM, true);
        Map<String, Object> wonBefore = dealRow(won);
        Subject sams = open(SAM, MIA);

        Api.Response complete = api.post("/engine-rest/task/" + sams.taskId() + "/complete", """
                {"variables": {"outcome": {"value": "lost"}, "lostReason": {"value": "NO_BUDGET"},
                               "dealId": {"value": %d, "type": "Long"}}}""".formatted(won.dealId()), SAM);

        assertThat(complete.status()).as(complete.body()).isIn(204, 400);
        assertThat(dealRow(won)).as("the won deal is final").isEqualTo(wonBefore);
        assertThat(status(won)).isEqualTo("WON");
        assertThat(closingMails(won)).isZero();
    }

    @Test
    void aClosedDealIsFinal() {
        Subject lost = closed(SAM, false);
        Map<String, Object> before = dealRow(lost);

        Api.Response again = api.post("/engine-rest/task/" + lost.taskId() + "/complete",
                "{\"variables\": {\"outcome\": {\"value\": \"advance\"}, \"needs\": {\"value\": \"x\"}}}", MIA);

        // the engine has no such task any more; how it says so (Camunda's REST API: 500 "Cannot find task") is its own
        assertThat(again.status()).as("completing the stage of a lost deal: %s", again.body()).isGreaterThanOrEqualTo(400);
        assertThat(api.get("/engine-rest/task?processInstanceId=" + lost.processInstanceId(), MIA).json())
                .as("a lost deal has no open stage").isEmpty();
        Api.Response reassign = api.put("/api/deals/" + lost.dealId() + "/owner", "{\"owner\": \"rita\"}", MIA);
        assertThat(reassign.status()).as(reassign.body()).isEqualTo(409);
        assertThat(reassign.contentType()).startsWith("application/problem+json");
        assertThat(dealRow(lost)).isEqualTo(before);
        assertThat(api.get("/api/deals/" + lost.dealId(), MIA).json().path("status").asText()).isEqualTo("LOST");
    }

    @Test
    void aRepListsOnlyHisOwnAndTheTeamsStages() {
        Subject sams = shared(Target.SAMS);
        Subject team = shared(Target.TEAM);
        Subject ritas = shared(Target.RITAS);

        Api.Response response = api.get("/engine-rest/task?processDefinitionKey=" + SALES_PROCESS, SAM);

        assertThat(response.status()).isEqualTo(200);
        List<JsonNode> listed = elements(response.json());
        assertThat(listed).extracting(task -> task.path("id").asText())
                .contains(sams.taskId(), team.taskId()).doesNotContain(ritas.taskId());
        assertThat(listed).as("every stage sam lists is his or the team's").allSatisfy(task ->
                assertThat(task.path("assignee").isNull() || SAM.equals(task.path("assignee").asText()))
                        .as("task %s assigned to %s", task.path("id").asText(), task.path("assignee")).isTrue());
        assertThat(api.get("/engine-rest/task/count?processDefinitionKey=" + SALES_PROCESS, SAM).json()
                .path("count").asLong()).isEqualTo(listed.size());
        assertThat(api.get("/engine-rest/task?processDefinitionKey=" + SALES_PROCESS, MARK).json())
                .as("marketing lists no stage").isEmpty();
    }

    @Test
    void aRepsFiguresAreHisOwn() {
        shared(Target.RITAS);
        shared(Target.SAMS);
        JsonNode samsBefore = api.get("/api/pipeline", SAM).json();
        assertThat(samsBefore.path("stages").isArray()).as(samsBefore.toString()).isTrue();
        assertThat(figures(samsBefore)).as("sam's pipeline is mia's pipeline of sam")
                .isEqualTo(figures(api.get("/api/pipeline?owner=sam", MIA).json()));
        assertThat(count(samsBefore)).isLessThan(count(api.get("/api/pipeline", MIA).json()));

        open(RITA, MIA);
        assertThat(count(api.get("/api/pipeline", SAM).json())).as("rita's new deal is not in sam's figures")
                .isEqualTo(count(samsBefore));
        open(SAM, MIA);
        assertThat(count(api.get("/api/pipeline", SAM).json())).as("sam's new deal is")
                .isEqualTo(count(samsBefore) + 1);

        assertThat(figures(api.get("/api/pipeline", RITA).json())).as("rita's pipeline is mia's pipeline of rita")
                .isEqualTo(figures(api.get("/api/pipeline?owner=rita", MIA).json()));
        assertThat(figures(api.get("/api/pipeline/funnel", SAM).json())).as("sam's funnel")
                .isEqualTo(figures(api.get("/api/pipeline/funnel?owner=sam", MIA).json()));
        assertThat(figures(api.get("/api/pipeline/forecast", SAM).json())).as("sam's forecast")
                .isEqualTo(figures(api.get("/api/pipeline/forecast?owner=sam", MIA).json()));
    }

    @Test
    void everyGdprUseIsAuditedWithoutPersonalData() {
        Subject exported = newContact();
        Subject erased = newContact();
        assertThat(api.get("/api/contacts/" + exported.contactId() + "/export", MIA).status()).isEqualTo(200);
        assertThat(api.delete("/api/contacts/" + erased.contactId(), DEMO).status()).isEqualTo(200);
        assertThat(api.get("/api/contacts/" + exported.contactId() + "/export", MARK).status()).isEqualTo(403);

        Api.Response audit = api.get("/api/audit", MIA);

        assertThat(audit.status()).as(audit.body()).isEqualTo(200);
        List<JsonNode> entries = elements(audit.json().isArray() ? audit.json() : audit.json().path("entries"));
        assertThat(entries).anySatisfy(entry -> {
            assertThat(entry.path("actor").asText()).isEqualTo(MIA);
            assertThat(entry.path("action").asText()).isEqualTo("EXPORT");
            assertThat(entry.path("subjectId").asLong()).isEqualTo(exported.contactId());
            assertThat(entry.path("at").asText()).isNotBlank();
        });
        assertThat(entries).anySatisfy(entry -> {
            assertThat(entry.path("actor").asText()).isEqualTo(DEMO);
            assertThat(entry.path("action").asText()).isEqualTo("ERASURE");
            assertThat(entry.path("subjectId").asLong()).isEqualTo(erased.contactId());
        });
        assertThat(entries).as("mark's refused export is no use of the data").noneSatisfy(entry -> {
            assertThat(entry.path("actor").asText()).isEqualTo(MARK);
            assertThat(entry.path("subjectId").asLong()).isEqualTo(exported.contactId());
        });
        assertThat(audit.body()).as("the audit holds no personal data")
                .doesNotContain(exported.contactEmail()).doesNotContain(erased.contactEmail())
                .doesNotContain(exported.companyName()).doesNotContain("Prospect")
                .doesNotContainPattern("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[a-z]+");
        assertThat(api.get("/api/audit", SAM).status()).isEqualTo(403);
        assertThat(api.get("/api/audit", DEMO).json()).isEqualTo(audit.json());
    }

    @Test
    void aWrongPasswordIsUnauthorizedAsAProblem() {
        String user = "matrixwrong" + UUID.randomUUID().toString().substring(0, 8);
        ensureUser(user, "management");

        Api.Response wrong = api.request("GET", "/api/pipeline", null, user, "not-" + user);
        Api.Response right = api.request("GET", "/api/pipeline", null, user, user);

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.contentType()).startsWith("application/problem+json");
        assertThat(right.status()).as(right.body()).isEqualTo(200);
        assertThat(api.request("GET", "/engine-rest/task", null, user, "not-" + user).status()).isEqualTo(401);
    }

    // ============================================================================================= the vocabulary

    /** One cell: who, what, on whose deal, and what must come back. Its text is the test case's name. */
    record Cell(String user, Call call, Target target, Expect expect) {
        @Override
        public String toString() {
            return String.format("%-9s %s%s → %s", user == null ? "anonymous" : user, call.label,
                    target == Target.NONE ? "" : " on " + target.label, expect);
        }
    }

    static Cell row(String user, Call call, Target target, Expect expect) {
        return new Cell(user, call, target, expect);
    }

    /** Whose deal (or which contact) a cell is about. */
    enum Target {
        SAMS("sam's deal"), RITAS("rita's deal"), TEAM("a team deal"),
        RITAS_SUBMITTED("rita's deal, its first stage form submitted"),
        PROPOSAL("sam's deal at Proposal sent"), WON("sam's won deal"),
        LOST("sam's lost deal"), CONTACT("a contact"), NONE("");

        final String label;

        Target(String label) {
            this.label = label;
        }
    }

    /** A deal (id, reference, its process instance and open stage) or a contact, or nothing. */
    record Subject(Long dealId, String reference, String processInstanceId, String taskId, String companyName,
                   Long contactId, String contactEmail) {
        static final Subject NONE = new Subject(null, null, null, null, null, null, null);
    }

    /** What a cell must answer: a status, or a 200 list that does or does not show the subject's deal. */
    static final class Expect {
        static final Expect LISTED = new Expect("listed", null, Visibility.LISTED);
        static final Expect ABSENT = new Expect("not listed", null, Visibility.ABSENT);
        static final Expect EMPTY = new Expect("[]", null, Visibility.EMPTY);

        private enum Visibility { LISTED, ABSENT, EMPTY }

        private final String text;
        private final Set<Integer> statuses;
        private final Visibility visibility;

        private Expect(String text, Set<Integer> statuses, Visibility visibility) {
            this.text = text;
            this.statuses = statuses;
            this.visibility = visibility;
        }

        static Expect status(int... statuses) {
            return new Expect(Arrays.stream(statuses).mapToObj(String::valueOf).collect(Collectors.joining(" or ")),
                    Arrays.stream(statuses).boxed().collect(Collectors.toCollection(TreeSet::new)), null);
        }

        static Expect success() {
            return new Expect("2xx", Set.of(200, 201, 202, 204), null);
        }

        /** Whether every answer this expects is a refusal (4xx): then nothing may change, whatever came back. */
        boolean refuses() {
            return statuses != null && statuses.stream().allMatch(status -> status >= 400);
        }

        void check(Cell cell, Api.Response response, Subject subject) {
            if (visibility == null) {
                assertThat(response.status()).as("%s, answered %s", cell, response.body()).isIn(statuses);
                return;
            }
            assertThat(response.status()).as("%s, answered %s", cell, response.body()).isEqualTo(200);
            List<JsonNode> listed = elements(response.json());
            switch (visibility) {
                case EMPTY -> assertThat(listed).as("%s", cell).isEmpty();
                case LISTED -> assertThat(listed).as("%s", cell).anySatisfy(element ->
                        assertThat(mentions(element, subject)).isTrue());
                case ABSENT -> assertThat(listed).as("%s", cell).noneSatisfy(element ->
                        assertThat(mentions(element, subject)).isTrue());
            }
        }

        private static boolean mentions(JsonNode element, Subject subject) {
            return subject.processInstanceId() != null
                    && (subject.processInstanceId().equals(element.path("processInstanceId").asText())
                    || subject.processInstanceId().equals(element.path("id").asText()));
        }

        @Override
        public String toString() {
            return text;
        }
    }

    @FunctionalInterface
    interface Send {
        Api.Response send(AccessMatrixTests test, String user, Subject subject);
    }

    @FunctionalInterface
    interface Verify {
        Verify NOTHING = (test, cell, subject, response) -> {
        };

        void verify(AccessMatrixTests test, Cell cell, Subject subject, Api.Response response);
    }

    /** The follow-up date the next-step cells set, and as the engine's REST API writes it. */
    private static final Instant NEXT_STEP = Instant.parse("2030-01-15T09:30:00Z");
    private static final String NEXT_STEP_JSON = "2030-01-15T09:30:00.000+0000";

    private static final String ADVANCE = """
            {"variables": {"outcome": {"value": "advance"}, "needs": {"value": "A fleet of 40 trucks"}}}""";
    private static final String LOST = """
            {"variables": {"outcome": {"value": "lost"}, "lostReason": {"value": "NO_BUDGET"}}}""";

    /** The calls, each with the check of its effect when it was allowed and, for changes, when it was refused. */
    enum Call {
        GET_DEAL("GET /api/deals/{id}", false, (t, u, s) -> t.api.get("/api/deals/" + s.dealId(), u),
                (t, c, s, r) -> assertThat(r.json().path("id").asLong()).isEqualTo(s.dealId())),
        REPLY("POST /api/deals/{id}/replies", true,
                (t, u, s) -> t.api.post("/api/deals/" + s.dealId() + "/replies", "{}", u)),
        OPEN_FOR_CALLER("POST /api/deals owned by the caller", true, (t, u, s) -> t.openAs(u, "\"" + u + "\""),
                (t, c, s, r) -> assertThat(r.json().path("owner").asText()).isEqualTo(c.user())),
        OPEN_WITHOUT_OWNER("POST /api/deals without an owner", true, (t, u, s) -> t.openAs(u, null),
                (t, c, s, r) -> assertThat(r.json().path("owner").isMissingNode() || r.json().path("owner").isNull())
                        .as("a team deal: %s", r.body()).isTrue()),
        OPEN_WITH_NULL_OWNER("POST /api/deals with \"owner\": null", true, (t, u, s) -> t.openAs(u, "null"),
                (t, c, s, r) -> assertThat(r.json().path("owner").isMissingNode() || r.json().path("owner").isNull())
                        .as("a team deal: %s", r.body()).isTrue()),
        OPEN_FOR_RITA("POST /api/deals owned by rita", true, (t, u, s) -> t.openAs(u, "\"rita\""),
                (t, c, s, r) -> assertThat(r.json().path("owner").asText()).isEqualTo(RITA)),
        OPEN_FOR_SAM("POST /api/deals owned by sam", true, (t, u, s) -> t.openAs(u, "\"sam\""),
                (t, c, s, r) -> assertThat(r.json().path("owner").asText()).isEqualTo(SAM)),
        PUT_OWNER_CALLER("PUT /api/deals/{id}/owner to the caller", true,
                (t, u, s) -> t.api.put("/api/deals/" + s.dealId() + "/owner", "{\"owner\": \"" + u + "\"}", u),
                (t, c, s, r) -> t.assertOwnedBy(s, c.user())),
        PUT_OWNER_RITA("PUT /api/deals/{id}/owner to rita", true,
                (t, u, s) -> t.api.put("/api/deals/" + s.dealId() + "/owner", "{\"owner\": \"rita\"}", u),
                (t, c, s, r) -> t.assertOwnedBy(s, RITA)),
        PUT_OWNER_SAM("PUT /api/deals/{id}/owner to sam", true,
                (t, u, s) -> t.api.put("/api/deals/" + s.dealId() + "/owner", "{\"owner\": \"sam\"}", u),
                (t, c, s, r) -> t.assertOwnedBy(s, SAM)),
        PUT_OWNER_TEAM("PUT /api/deals/{id}/owner to the team (null)", true,
                (t, u, s) -> t.api.put("/api/deals/" + s.dealId() + "/owner", "{\"owner\": null}", u),
                (t, c, s, r) -> t.assertOwnedBy(s, null)),
        PIPELINE("GET /api/pipeline", false, (t, u, s) -> t.api.get("/api/pipeline", u)),
        PIPELINE_OF_RITA("GET /api/pipeline?owner=rita", false, (t, u, s) -> t.api.get("/api/pipeline?owner=rita", u)),
        FUNNEL("GET /api/pipeline/funnel", false, (t, u, s) -> t.api.get("/api/pipeline/funnel", u)),
        FUNNEL_OF_RITA("GET /api/pipeline/funnel?owner=rita", false,
                (t, u, s) -> t.api.get("/api/pipeline/funnel?owner=rita", u)),
        FORECAST("GET /api/pipeline/forecast", false, (t, u, s) -> t.api.get("/api/pipeline/forecast", u)),
        FORECAST_OF_RITA("GET /api/pipeline/forecast?owner=rita", false,
                (t, u, s) -> t.api.get("/api/pipeline/forecast?owner=rita", u)),
        HANDOFF("GET /api/handoff", false, (t, u, s) -> t.api.get("/api/handoff", u)),
        CAPTURE_LEAD("POST /api/leads", true, (t, u, s) -> t.captureLead(u), Verify.NOTHING,
                (t, c, s, r) -> assertThat(t.jdbc.queryForObject("select count(*) from contact where email = ?",
                        Long.class, t.lastEmail)).as("no contact stored").isZero()),
        IMPORT_LEADS("POST /api/leads/import", true, (t, u, s) -> t.importLead(u), Verify.NOTHING,
                (t, c, s, r) -> assertThat(t.jdbc.queryForObject("select count(*) from contact where email = ?",
                        Long.class, t.lastEmail)).as("no contact stored").isZero()),
        IMPORT_STATUS("GET /api/leads/imports/{id}", false, (t, u, s) -> t.api.get(t.importedByMark(), u),
                (t, c, s, r) -> assertThat(r.json().path("rows").asInt()).isEqualTo(1)),
        PREVIEW_IMPORT("POST /api/leads/import/preview", false, (t, u, s) -> t.api.post("/api/leads/import/preview",
                "Email,First Name\nprev@matrix-leads.example,Pia\n", "text/csv", u),
                (t, c, s, r) -> assertThat(r.json().at("/columns/firstName/0").asText()).isEqualTo("First Name")),
        FIND_CONTACT("GET /api/contacts?email=", false,
                (t, u, s) -> t.api.get("/api/contacts?email=" + s.contactEmail(), u),
                (t, c, s, r) -> assertThat(r.json()).singleElement().satisfies(contact ->
                        assertThat(contact.path("id").asLong()).isEqualTo(s.contactId()))),
        GET_CONTACT("GET /api/contacts/{id}", false, (t, u, s) -> t.api.get("/api/contacts/" + s.contactId(), u)),
        CONSENT("POST /api/contacts/{id}/consent", true,
                (t, u, s) -> t.api.post("/api/contacts/" + s.contactId() + "/consent", "{\"marketing\": false}", u),
                (t, c, s, r) -> assertThat(t.consent(s)).isFalse()),
        TIME_ZONE("PUT /api/contacts/{id}/time-zone", true,
                (t, u, s) -> t.api.put("/api/contacts/" + s.contactId() + "/time-zone",
                        "{\"timeZone\": \"Asia/Tokyo\"}", u),
                (t, c, s, r) -> assertThat(r.json().get("timeZone").asText()).isEqualTo("Asia/Tokyo")),
        EXPORT_CONTACT("GET /api/contacts/{id}/export", false,
                (t, u, s) -> t.api.get("/api/contacts/" + s.contactId() + "/export", u)),
        ERASE_CONTACT("DELETE /api/contacts/{id}", true, (t, u, s) -> t.api.delete("/api/contacts/" + s.contactId(), u),
                (t, c, s, r) -> assertThat(t.contactEmail(s)).isNotEqualTo(s.contactEmail())),
        AUDIT("GET /api/audit", false, (t, u, s) -> t.api.get("/api/audit", u)),

        ENGINE_TASKS_OF_INSTANCE("GET /engine-rest/task?processInstanceId=", false,
                (t, u, s) -> t.api.get("/engine-rest/task?processInstanceId=" + s.processInstanceId(), u)),
        ENGINE_SALES_TASKS("GET /engine-rest/task?processDefinitionKey=sales-process", false,
                (t, u, s) -> t.api.get("/engine-rest/task?processDefinitionKey=" + SALES_PROCESS, u)),
        ENGINE_SALES_CANDIDATE_TASKS("GET /engine-rest/task?candidateGroup=sales&includeAssignedTasks=true", false,
                (t, u, s) -> t.api.get("/engine-rest/task?candidateGroup=sales&includeAssignedTasks=true", u)),
        ENGINE_HISTORIC_SALES_TASKS("GET /engine-rest/history/task?processDefinitionKey=sales-process", false,
                (t, u, s) -> t.api.get("/engine-rest/history/task?processDefinitionKey=" + SALES_PROCESS, u)),
        ENGINE_TASK_IDENTITY_LINKS("GET /engine-rest/task/{id}/identity-links", false,
                (t, u, s) -> t.api.get("/engine-rest/task/" + s.taskId() + "/identity-links", u)),
        ENGINE_TASK("GET /engine-rest/task/{id}", false, (t, u, s) -> t.api.get("/engine-rest/task/" + s.taskId(), u)),
        ENGINE_FORM_VARIABLES("GET /engine-rest/task/{id}/form-variables", false,
                (t, u, s) -> t.api.get("/engine-rest/task/" + s.taskId() + "/form-variables", u)),
        ENGINE_INSTANCE("GET /engine-rest/process-instance/{id}", false,
                (t, u, s) -> t.api.get("/engine-rest/process-instance/" + s.processInstanceId(), u)),
        ENGINE_INSTANCE_VARIABLES("GET /engine-rest/process-instance/{id}/variables", false,
                (t, u, s) -> t.api.get("/engine-rest/process-instance/" + s.processInstanceId() + "/variables", u)),
        ENGINE_INSTANCES_BY_BUSINESS_KEY("GET /engine-rest/process-instance?businessKey=", false,
                (t, u, s) -> t.api.get("/engine-rest/process-instance?businessKey=" + s.reference(), u)),
        ENGINE_HISTORIC_INSTANCE("GET /engine-rest/history/process-instance?processInstanceId=", false,
                (t, u, s) -> t.api.get("/engine-rest/history/process-instance?processInstanceId="
                        + s.processInstanceId(), u)),
        ENGINE_HISTORIC_TASKS("GET /engine-rest/history/task?processInstanceId=", false,
                (t, u, s) -> t.api.get("/engine-rest/history/task?processInstanceId=" + s.processInstanceId(), u)),
        ENGINE_HISTORIC_VARIABLES("GET /engine-rest/history/variable-instance?processInstanceId=", false,
                (t, u, s) -> t.api.get("/engine-rest/history/variable-instance?processInstanceId="
                        + s.processInstanceId(), u)),
        ENGINE_TASK_VARIABLES("GET /engine-rest/task/{id}/variables", false,
                (t, u, s) -> t.api.get("/engine-rest/task/" + s.taskId() + "/variables", u)),
        ENGINE_TASK_FORM("GET /engine-rest/task/{id}/form", false,
                (t, u, s) -> t.api.get("/engine-rest/task/" + s.taskId() + "/form", u)),
        ENGINE_DEPLOYED_FORM("GET /engine-rest/task/{id}/deployed-form", false,
                (t, u, s) -> t.api.get("/engine-rest/task/" + s.taskId() + "/deployed-form", u)),
        ENGINE_ACTIVITY_INSTANCES("GET /engine-rest/process-instance/{id}/activity-instances", false,
                (t, u, s) -> t.api.get("/engine-rest/process-instance/" + s.processInstanceId()
                        + "/activity-instances", u)),
        ENGINE_VARIABLE_INSTANCES("GET /engine-rest/variable-instance?processInstanceIdIn=", false,
                (t, u, s) -> t.api.get("/engine-rest/variable-instance?processInstanceIdIn=" + s.processInstanceId(), u)),
        ENGINE_EXECUTIONS("GET /engine-rest/execution?processInstanceId=", false,
                (t, u, s) -> t.api.get("/engine-rest/execution?processInstanceId=" + s.processInstanceId(), u)),
        ENGINE_HISTORIC_ACTIVITIES("GET /engine-rest/history/activity-instance?processInstanceId=", false,
                (t, u, s) -> t.api.get("/engine-rest/history/activity-instance?processInstanceId="
                        + s.processInstanceId(), u)),
        ENGINE_HISTORIC_DETAILS("GET /engine-rest/history/detail?processInstanceId=", false,
                (t, u, s) -> t.api.get("/engine-rest/history/detail?processInstanceId=" + s.processInstanceId(), u)),
        TASKLIST_ALL_OPEN_DEALS("Tasklist filter \"All open deals\"", false, (t, u, s) -> t.allOpenDeals(u)),
        TASKLIST_TASK("Tasklist GET task/{id}", false, (t, u, s) -> t.webapp("tasklist", u, "/task/" + s.taskId())),
        TASKLIST_FORM_VARIABLES("Tasklist GET task/{id}/form-variables", false,
                (t, u, s) -> t.webapp("tasklist", u, "/task/" + s.taskId() + "/form-variables?deserializeValues=false")),
        COCKPIT_INSTANCE("Cockpit GET process-instance/{id}", false,
                (t, u, s) -> t.webapp("cockpit", u, "/process-instance/" + s.processInstanceId())),
        COCKPIT_INSTANCES("Cockpit POST process-instance (the sales process's running instances)", false,
                (t, u, s) -> t.webappPost("cockpit", u, "/process-instance?firstResult=0&maxResults=100000",
                        "{\"processDefinitionKey\": \"" + SALES_PROCESS + "\"}")),
        COCKPIT_HISTORIC_INSTANCE("Cockpit GET history/process-instance?processInstanceId=", false,
                (t, u, s) -> t.webapp("cockpit", u, "/history/process-instance?processInstanceId="
                        + s.processInstanceId())),

        ENGINE_FETCH_EMAIL_TASKS("POST /engine-rest/external-task/fetchAndLock the meeting confirmations", true,
                (t, u, s) -> t.api.post("/engine-rest/external-task/fetchAndLock", """
                        {"workerId": "intruder", "maxTasks": 100,
                         "topics": [{"topicName": "sendMeetingConfirmation", "lockDuration": 600000}]}
                        """, u),
                (t, c, s, r) -> t.assertEmailTaskUnlocked(s)),
        ENGINE_COMPLETE_EMAIL_TASK("POST /engine-rest/external-task/{id}/complete the meeting confirmation", true,
                (t, u, s) -> t.api.post("/engine-rest/external-task/" + t.emailTask(s).getId() + "/complete",
                        "{\"workerId\": \"intruder\"}", u),
                (t, c, s, r) -> t.assertEmailTaskUnlocked(s), (t, c, s, r) -> t.assertEmailTaskUnlocked(s)),
        ENGINE_CLAIM("POST /engine-rest/task/{id}/claim for the caller", true,
                (t, u, s) -> t.api.post("/engine-rest/task/" + s.taskId() + "/claim",
                        "{\"userId\": \"" + (u == null ? SAM : u) + "\"}", u),
                (t, c, s, r) -> t.assertOwnedBy(s, c.user())),
        ENGINE_COMPLETE_LOST("POST /engine-rest/task/{id}/complete as lost", true,
                (t, u, s) -> t.api.post("/engine-rest/task/" + s.taskId() + "/complete", LOST, u),
                (t, c, s, r) -> assertThat(t.status(s)).isEqualTo("LOST")),
        ENGINE_COMPLETE_ADVANCE("POST /engine-rest/task/{id}/complete to advance", true,
                (t, u, s) -> t.api.post("/engine-rest/task/" + s.taskId() + "/complete", ADVANCE, u),
                (t, c, s, r) -> assertThat(t.stageKey(s)).isEqualTo("NeedsAssessed")),
        ENGINE_SUBMIT_FORM_LOST("POST /engine-rest/task/{id}/submit-form as lost", true,
                (t, u, s) -> t.api.post("/engine-rest/task/" + s.taskId() + "/submit-form", LOST, u),
                (t, c, s, r) -> assertThat(t.status(s)).isEqualTo("LOST")),
        ENGINE_COMPLETE_SETTING_OWNER("POST /engine-rest/task/{id}/complete setting \"owner\"", true,
                (t, u, s) -> t.api.post("/engine-rest/task/" + s.taskId() + "/complete", """
                        {"variables": {"outcome": {"value": "advance"}, "needs": {"value": "A fleet of 40 trucks"},
                                       "owner": {"value": "rita"}}}""", u)),
        ENGINE_COMPLETE_SETTING_FOO("POST /engine-rest/task/{id}/complete setting \"foo\"", true,
                (t, u, s) -> t.api.post("/engine-rest/task/" + s.taskId() + "/complete", """
                        {"variables": {"outcome": {"value": "advance"}, "needs": {"value": "A fleet of 40 trucks"},
                                       "foo": {"value": "bar"}}}""", u)),
        ENGINE_SET_INSTANCE_VARIABLE("POST /engine-rest/process-instance/{id}/variables (dealId)", true,
                (t, u, s) -> t.api.post("/engine-rest/process-instance/" + s.processInstanceId() + "/variables",
                        "{\"modifications\": {\"dealId\": {\"value\": %d, \"type\": \"Long\"}}}"
                                .formatted(t.otherDealId(s)), u)),
        ENGINE_PUT_TASK_VARIABLE("PUT /engine-rest/task/{id}/variables/dealId", true,
                (t, u, s) -> t.api.put("/engine-rest/task/" + s.taskId() + "/variables/dealId",
                        "{\"value\": %d, \"type\": \"Long\"}".formatted(t.otherDealId(s)), u)),
        ENGINE_MODIFY_TASK_VARIABLES("POST /engine-rest/task/{id}/variables (dealId)", true,
                (t, u, s) -> t.api.post("/engine-rest/task/" + s.taskId() + "/variables",
                        "{\"modifications\": {\"dealId\": {\"value\": %d, \"type\": \"Long\"}}}"
                                .formatted(t.otherDealId(s)), u)),
        ENGINE_PUT_TASK_LOCAL_VARIABLE("PUT /engine-rest/task/{id}/localVariables/outcome", true,
                (t, u, s) -> t.api.put("/engine-rest/task/" + s.taskId() + "/localVariables/outcome",
                        "{\"value\": \"lost\"}", u)),
        ENGINE_BPMN_ERROR_WITH_VARIABLE("POST /engine-rest/task/{id}/bpmnError with a dealId variable", true,
                (t, u, s) -> t.api.post("/engine-rest/task/" + s.taskId() + "/bpmnError",
                        "{\"errorCode\": \"DealLost\", \"variables\": {\"dealId\": {\"value\": %d, \"type\": \"Long\"}}}"
                                .formatted(t.otherDealId(s)), u)),
        ENGINE_ESCALATION_WITH_VARIABLE("POST /engine-rest/task/{id}/bpmnEscalation with a dealId variable", true,
                (t, u, s) -> t.api.post("/engine-rest/task/" + s.taskId() + "/bpmnEscalation",
                        "{\"escalationCode\": \"Stuck\", \"variables\": {\"dealId\": {\"value\": %d, \"type\": \"Long\"}}}"
                                .formatted(t.otherDealId(s)), u)),
        ENGINE_CORRELATE_REPLY_WITH_VARIABLE("POST /engine-rest/message ProspectReplied with a dealId variable", true,
                (t, u, s) -> t.api.post("/engine-rest/message", """
                        {"messageName": "ProspectReplied", "businessKey": "%s",
                         "processVariables": {"dealId": {"value": %d, "type": "Long"}}}"""
                        .formatted(s.reference(), t.otherDealId(s)), u)),
        ENGINE_ASSIGN_TO_CALLER("POST /engine-rest/task/{id}/assignee to the caller", true,
                (t, u, s) -> t.api.post("/engine-rest/task/" + s.taskId() + "/assignee",
                        "{\"userId\": \"" + u + "\"}", u),
                (t, c, s, r) -> t.assertOwnedBy(s, c.user())),
        ENGINE_ASSIGN_TO_RITA("POST /engine-rest/task/{id}/assignee to rita", true,
                (t, u, s) -> t.api.post("/engine-rest/task/" + s.taskId() + "/assignee", "{\"userId\": \"rita\"}", u),
                (t, c, s, r) -> t.assertOwnedBy(s, RITA)),
        ENGINE_UNCLAIM("POST /engine-rest/task/{id}/unclaim", true,
                (t, u, s) -> t.api.post("/engine-rest/task/" + s.taskId() + "/unclaim", "{}", u),
                (t, c, s, r) -> t.assertOwnedBy(s, null)),
        ENGINE_UPDATE_TASK("PUT /engine-rest/task/{id} renaming the stage", true,
                (t, u, s) -> t.api.put("/engine-rest/task/" + s.taskId(),
                        "{\"name\": \"Contract signed\", \"assignee\": \"" + t.assignee(s) + "\", \"priority\": 50}", u)),
        ENGINE_SET_FOLLOW_UP("PUT /engine-rest/task/{id} setting the follow-up date, as Tasklist does", true,
                (t, u, s) -> t.putTask(u, s, task -> task.put("followUp", NEXT_STEP_JSON)),
                (t, c, s, r) -> assertThat(t.stage(s).getFollowUpDate()).isEqualTo(Date.from(NEXT_STEP))),
        ENGINE_SET_FOLLOW_UP_AND_DUE("PUT /engine-rest/task/{id} setting the follow-up date and moving the due date",
                true, (t, u, s) -> t.putTask(u, s, task -> task.put("followUp", NEXT_STEP_JSON).put("due", NEXT_STEP_JSON))),
        ENGINE_SET_FOLLOW_UP_AND_ASSIGNEE("PUT /engine-rest/task/{id} setting the follow-up date and giving the stage to rita",
                true, (t, u, s) -> t.putTask(u, s, task -> task.put("followUp", NEXT_STEP_JSON).put("assignee", RITA))),
        ENGINE_SET_FOLLOW_UP_AND_NAME("PUT /engine-rest/task/{id} setting the follow-up date and renaming the stage",
                true, (t, u, s) -> t.putTask(u, s, task -> task.put("followUp", NEXT_STEP_JSON)
                        .put("name", "Contract signed"))),
        TASKLIST_SET_FOLLOW_UP("Tasklist PUT task/{id} setting the follow-up date", true,
                (t, u, s) -> t.tasklistPutTask(u, s, task -> task.put("followUp", NEXT_STEP_JSON)),
                (t, c, s, r) -> assertThat(t.stage(s).getFollowUpDate()).isEqualTo(Date.from(NEXT_STEP))),
        ENGINE_COMMENT("POST /engine-rest/task/{id}/comment/create", true,
                (t, u, s) -> t.api.post("/engine-rest/task/" + s.taskId() + "/comment/create",
                        "{\"message\": \"Called them, they are lost\"}", u),
                Verify.NOTHING,
                (t, c, s, r) -> assertThat(t.tasks.getTaskComments(s.taskId())).as("comments").isEmpty()),
        ENGINE_SUSPEND_INSTANCE("PUT /engine-rest/process-instance/{id}/suspended", true,
                (t, u, s) -> t.api.put("/engine-rest/process-instance/" + s.processInstanceId() + "/suspended",
                        "{\"suspended\": true}", u),
                Verify.NOTHING,
                (t, c, s, r) -> assertThat(t.runtime.createProcessInstanceQuery()
                        .processInstanceId(s.processInstanceId()).suspended().count()).as("suspended").isZero()),
        TASKLIST_SUBMIT_FORM_WITH_DEAL_ID("Tasklist POST task/{id}/submit-form with a dealId variable", true,
                (t, u, s) -> t.webappPost("tasklist", u, "/task/" + s.taskId() + "/submit-form", """
                        {"variables": {"outcome": {"value": "advance"}, "needs": {"value": "A fleet of 40 trucks"},
                                       "dealId": {"value": %d, "type": "Long"}}}""".formatted(t.otherDealId(s)))),
        TASKLIST_SUBMIT_FORM_LOST("Tasklist POST task/{id}/submit-form as lost", true,
                (t, u, s) -> t.webappPost("tasklist", u, "/task/" + s.taskId() + "/submit-form", LOST),
                (t, c, s, r) -> assertThat(t.status(s)).isEqualTo("LOST")),
        TASKLIST_CLAIM("Tasklist POST task/{id}/claim for the caller", true,
                (t, u, s) -> t.webappPost("tasklist", u, "/task/" + s.taskId() + "/claim",
                        "{\"userId\": \"" + u + "\"}"),
                (t, c, s, r) -> t.assertOwnedBy(s, c.user())),
        ENGINE_MODIFY_INSTANCE("POST /engine-rest/process-instance/{id}/modification to Contract sent", true,
                (t, u, s) -> t.api.post("/engine-rest/process-instance/" + s.processInstanceId() + "/modification", """
                        {"instructions": [{"type": "startBeforeActivity", "activityId": "ContractSent"},
                                          {"type": "cancel", "activityId": "MeetingBooked"}]}""", u)),
        ENGINE_START_FOR_DEAL("POST /engine-rest/process-definition/key/sales-process/start at its first stage with the deal's reference",
                true, (t, u, s) -> t.startAtFirstStage(u, s),
                Verify.NOTHING,
                (t, c, s, r) -> assertThat(t.runtime.createProcessInstanceQuery().processInstanceBusinessKey(s.reference())
                        .count()).as("instances with the deal's reference").isOne()),
        ENGINE_DELETE_INSTANCE("DELETE /engine-rest/process-instance/{id}", true,
                (t, u, s) -> t.api.delete("/engine-rest/process-instance/" + s.processInstanceId(), u));

        final String label;
        final String path;
        final boolean changes;
        final Send send;
        final Verify afterSuccess;
        final Verify afterRefusal;

        Call(String label, boolean changes, Send send) {
            this(label, changes, send, Verify.NOTHING, Verify.NOTHING);
        }

        Call(String label, boolean changes, Send send, Verify afterSuccess) {
            this(label, changes, send, afterSuccess, Verify.NOTHING);
        }

        Call(String label, boolean changes, Send send, Verify afterSuccess, Verify afterRefusal) {
            this.label = label;
            this.path = label.substring(label.indexOf(' ') + 1);
            this.changes = changes;
            this.send = send;
            this.afterSuccess = afterSuccess;
            this.afterRefusal = afterRefusal;
        }

        Api.Response send(AccessMatrixTests test, String user, Subject subject) {
            return send.send(test, user, subject);
        }
    }

    /** The outcome of each case under its display name (surefire's reports name parameterized cases by index only). */
    static final class MatrixReport implements TestWatcher, AfterAllCallback {

        private final List<String> lines = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

        @Override
        public void testSuccessful(ExtensionContext context) {
            lines.add("ok    " + context.getDisplayName());
        }

        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            lines.add("FAIL  " + context.getDisplayName());
        }

        @Override
        public void afterAll(ExtensionContext context) throws java.io.IOException {
            java.nio.file.Path folder = java.nio.file.Path.of("target", "access-matrix");
            java.nio.file.Files.createDirectories(folder);
            java.nio.file.Files.write(folder.resolve(context.getRequiredTestClass().getSimpleName() + ".txt"), lines);
            lines.clear();
        }
    }

    // ================================================================================================== fixtures

    /** The read-only deals and contact of one server, made once (lazily: a fixture that cannot be made fails its cells only). */
    private static final Map<Integer, Map<Target, Subject>> SHARED = new ConcurrentHashMap<>();
    /** Logged-in web app sessions of one server, by app and user. */
    private static final Map<String, TasklistSession> SESSIONS = new ConcurrentHashMap<>();

    Subject shared(Target target) {
        Map<Target, Subject> fixtures = SHARED.computeIfAbsent(port, p -> new ConcurrentHashMap<>());
        Subject subject = fixtures.get(target);
        if (subject == null) {
            subject = fresh(target);
            fixtures.put(target, subject);
        }
        return subject;
    }

    Subject fresh(Target target) {
        return switch (target) {
            case SAMS -> open(SAM, MIA);
            case RITAS -> open(RITA, MIA);
            case RITAS_SUBMITTED -> submitted(open(RITA, MIA));
            case TEAM -> open(null, MIA);
            case PROPOSAL -> advanced(open(SAM, MIA), 2);
            case WON -> closed(SAM, true);
            case LOST -> closed(SAM, false);
            case CONTACT -> newContact();
            case NONE -> Subject.NONE;
        };
    }

    /** A deal opened through the API by {@code by} for {@code owner} (null: the team's). */
    Subject open(String owner, String by) {
        Api.Response created = openAs(by, owner == null ? null : "\"" + owner + "\"");
        if (created.status() != 201) {
            throw new AssertionError("Setup: " + by + " could not open a deal for " + (owner == null ? "the team" : owner)
                    + ": " + created.status() + " " + created.body());
        }
        JsonNode deal = created.json();
        String processInstanceId = deal.path("processInstanceId").asText();
        Task task = tasks.createTaskQuery().processInstanceId(processInstanceId).singleResult();
        return new Subject(deal.path("id").asLong(), deal.path("reference").asText(), processInstanceId,
                task == null ? null : task.getId(), deal.at("/company/name").asText(), null, null);
    }

    /** The deal moved on by {@code stages} stages (as the engine, no user); its open stage is the new one. */
    Subject advanced(Subject deal, int stages) {
        for (int stage = 0; stage < stages; stage++) {
            Task task = tasks.createTaskQuery().processInstanceId(deal.processInstanceId()).singleResult();
            tasks.complete(task.getId(), Map.of("outcome", "advance"));
        }
        Task now = tasks.createTaskQuery().processInstanceId(deal.processInstanceId()).singleResult();
        return new Subject(deal.dealId(), deal.reference(), deal.processInstanceId(), now.getId(), deal.companyName(),
                null, null);
    }

    /**
     * The deal's open stage form submitted as Tasklist submits it: the engine records the form's fields
     * ({@code /history/detail}), the only values it records besides each variable's latest one.
     */
    Subject submitted(Subject deal) {
        forms.submitTaskForm(deal.taskId(), Map.of("outcome", "advance", "needs", "a demo for the whole team"));
        Task now = tasks.createTaskQuery().processInstanceId(deal.processInstanceId()).singleResult();
        return new Subject(deal.dealId(), deal.reference(), deal.processInstanceId(), now.getId(), deal.companyName(),
                null, null);
    }

    /** Another deal's id to slip into a variable: rita's shared deal, or sam's when the subject is rita's. */
    long otherDealId(Subject subject) {
        long ritas = shared(Target.RITAS).dealId();
        return subject.dealId() != null && subject.dealId() == ritas ? shared(Target.SAMS).dealId() : ritas;
    }

    /** A deal of {@code owner} won (every stage advanced) or lost at its first stage; its last task is gone. */
    Subject closed(String owner, boolean won) {
        Subject deal = open(owner, MIA);
        if (won) {
            for (int stage = 0; stage < 5; stage++) {
                Task task = tasks.createTaskQuery().processInstanceId(deal.processInstanceId()).singleResult();
                tasks.complete(task.getId(), Map.of("outcome", "advance"));
            }
        } else {
            tasks.complete(deal.taskId(), Map.of("outcome", "lost", "lostReason", "NO_BUDGET"));
        }
        assertThat(status(deal)).as("setup: the closed deal").isEqualTo(won ? "WON" : "LOST");
        return deal;
    }

    /** A contact of a lead (marketing's kind of record), with consent, opened by the administrator. */
    Subject newContact() {
        Api.Response lead = captureLead(DEMO);
        if (lead.status() != 201) {
            throw new AssertionError("Setup: demo could not capture a lead: " + lead.status() + " " + lead.body());
        }
        long contactId = lead.json().path("contactId").asLong();
        return new Subject(null, null, null, null, "Matrix Works", contactId, lastEmail);
    }

    /** A POST /api/deals body for a company of its own ({@link #lastDomain}); ownerJson null leaves the owner out. */
    String dealBody(String ownerJson) {
        String unique = unique();
        lastDomain = "matrix-" + unique + ".example";
        return """
                {"title": "Matrix %1$s onboarding",
                 "company": {"name": "Matrix %1$s", "domain": "%2$s"},
                 "contacts": [{"email": "dana@%2$s", "firstName": "Dana", "lastName": "Buyer",
                               "role": "DECISION_MAKER"}],
                 "monthlyValue": {"amount": 1250.50, "currency": "EUR"},
                 %3$s"meetingAt": "2026-12-03T10:00:00Z"}""".formatted(unique, lastDomain,
                ownerJson == null ? "" : "\"owner\": " + ownerJson + ", ");
    }

    Api.Response openAs(String user, String ownerJson) {
        Api.Response response = api.post("/api/deals", dealBody(ownerJson), user);
        if (response.status() >= 400) {
            assertThat(jdbc.queryForObject("select count(*) from company where domain = ?", Long.class, lastDomain))
                    .as("a refused deal stores no company (%d %s)", response.status(), response.body()).isZero();
        }
        return response;
    }

    Api.Response captureLead(String user) {
        lastEmail = "lee-" + unique() + "@matrix-leads.example";
        return api.post("/api/leads", """
                {"email": "%s", "firstName": "Lee", "lastName": "Prospect", "company": "Matrix Works",
                 "consent": {"marketing": true, "source": "webform", "text": "I agree to receive emails"},
                 "answers": {"budget": true, "authority": false, "need": true, "timeline": "QUARTER",
                             "employees": 250}}""".formatted(lastEmail), user);
    }

    Api.Response importLead(String user) {
        lastEmail = "imported-" + unique() + "@matrix-leads.example";
        String csv = """
                email,first_name,last_name,company,website,job_title,phone,consent,consent_source,budget,authority,need,timeline,employees
                %s,Ida,Imported,Matrix Import,,,,yes,trade fair,true,false,true,QUARTER,120
                """.formatted(lastEmail);
        return api.post("/api/leads/import?consentText=I+agree+to+receive+emails", csv, "text/csv", user);
    }

    /** The status resource of an import by mark (its Location). */
    String importedByMark() {
        return "/api/leads/imports/" + importLead(MARK).json().path("id").asText();
    }

    // ================================================================================================== web apps

    TasklistSession session(String app, String user) {
        return SESSIONS.computeIfAbsent(port + "/" + app + "/" + user, key -> {
            TasklistSession session = new TasklistSession(port);
            TasklistSession.Response login = session.login(app, user, user);
            if (login.status() != 200) {
                throw new AssertionError("Setup: " + user + " could not log in to " + app + ": " + login);
            }
            return session;
        });
    }

    Api.Response webapp(String app, String user, String enginePath) {
        TasklistSession.Response response = session(app, user).get(ENGINE + enginePath, HAL);
        return new Api.Response(response.status(), response.contentType(), response.body());
    }

    Api.Response webappPost(String app, String user, String enginePath, String json) {
        TasklistSession.Response response = session(app, user).post(ENGINE + enginePath, json, HAL);
        return new Api.Response(response.status(), response.contentType(), response.body());
    }

    /**
     * A task update as Tasklist sends it: the whole task as it reads it (here as the administrator sees it, so a
     * caller who may not see the task sends a well-formed update all the same), changed, then PUT back by {@code user}.
     */
    Api.Response putTask(String user, Subject deal, Consumer<ObjectNode> change) {
        var task = (ObjectNode) api.get("/engine-rest/task/" + deal.taskId(), DEMO).json();
        change.accept(task);
        return api.put("/engine-rest/task/" + deal.taskId(), task.toString(), user);
    }

    /** The same through the engine API of Tasklist, with a logged-in session, the task read as Tasklist reads it. */
    Api.Response tasklistPutTask(String user, Subject deal, Consumer<ObjectNode> change) {
        TasklistSession.Response read = session("tasklist", DEMO).get(ENGINE + "/task/" + deal.taskId(), HAL);
        var task = (ObjectNode) read.json();
        task.remove("_embedded");
        task.remove("_links");
        change.accept(task);
        TasklistSession.Response response = session("tasklist", user).put(ENGINE + "/task/" + deal.taskId(),
                task.toString(), HAL);
        return new Api.Response(response.status(), response.contentType(), response.body());
    }

    Task stage(Subject deal) {
        return tasks.createTaskQuery().taskId(deal.taskId()).singleResult();
    }

    /**
     * What a caller of the engine REST API could try instead of POST /api/deals: the sales process started directly
     * at its first stage (skipping the service tasks that store the deal), with an existing deal's reference as
     * business key and the caller as owner.
     */
    Api.Response startAtFirstStage(String user, Subject deal) {
        return api.post("/engine-rest/process-definition/key/" + SALES_PROCESS + "/start", """
                {"businessKey": "%s", "variables": {"owner": {"value": "%s"}, "dealId": {"value": %d, "type": "Long"}},
                 "startInstructions": [{"type": "startBeforeActivity", "activityId": "MeetingBooked"}]}"""
                .formatted(deal.reference(), user, deal.dealId()), user);
    }

    /** The filter "All open deals" as Tasklist lists it (one big page instead of 15 at a time). */
    Api.Response allOpenDeals(String user) {
        TasklistSession tasklist = session("tasklist", user);
        TasklistSession.Response filters = tasklist.get(ENGINE + "/filter?firstResult=0&maxResults=2000"
                + "&itemCount=false&resourceType=Task", HAL);
        assertThat(filters.status()).as("filters of %s: %s", user, filters).isEqualTo(200);
        String filterId = null;
        for (JsonNode filter : filters.json()) {
            if (ALL_OPEN_DEALS.equals(filter.path("name").asText())) {
                filterId = filter.path("id").asText();
            }
        }
        assertThat(filterId).as("%s sees the filter \"%s\"", user, ALL_OPEN_DEALS).isNotNull();
        TasklistSession.Response list = tasklist.post(ENGINE + "/filter/" + filterId
                + "/list?firstResult=0&maxResults=100000", """
                {"processVariables":[],"taskVariables":[],"caseInstanceVariables":[],
                 "firstResult":0,"maxResults":100000,"sorting":[{"sortBy":"created","sortOrder":"desc"}],
                 "active":true}""", HAL);
        return new Api.Response(list.status(), list.contentType(), list.body());
    }

    // ================================================================================================== helpers

    /** A refused change leaves the deal, its open stage and its process variables as they were. */
    record Snapshot(Map<String, Object> deal, String seenByMia, List<String> openTasks,
                    Map<String, Object> variables, long closingMails, Map<String, Object> contact) {
    }

    Snapshot snapshot(Subject subject) {
        if (subject.dealId() == null && subject.contactId() == null) {
            return null;
        }
        if (subject.contactId() != null) {
            return new Snapshot(null, null, List.of(), Map.of(), 0, jdbc.queryForMap(
                    "select email, first_name, last_name, marketing_consent from contact where id = ?",
                    subject.contactId()));
        }
        List<Task> openTasks = tasks.createTaskQuery().processInstanceId(subject.processInstanceId()).list();
        List<String> open = openTasks.stream()
                .map(task -> task.getId() + ":" + task.getTaskDefinitionKey() + ":" + task.getAssignee() + ", due "
                        + task.getDueDate() + ", follow-up " + task.getFollowUpDate()).sorted()
                .toList();
        // every variable of the instance, and each open task's own ones
        Map<String, Object> variables = new java.util.TreeMap<>();
        if (runtime.createProcessInstanceQuery().processInstanceId(subject.processInstanceId()).count() > 0) {
            variables.putAll(runtime.getVariables(subject.processInstanceId()));
        }
        for (Task task : openTasks) {
            tasks.getVariablesLocal(task.getId()).forEach((name, value) -> variables.put(task.getId() + "/" + name, value));
            variables.put(task.getId() + "/name", task.getName());
        }
        JsonNode view = api.get("/api/deals/" + subject.dealId(), MIA).json();
        String seenByMia = view.path("status").asText() + " at " + view.path("stageKey").asText() + ", owner "
                + view.path("owner").asText(null) + ", " + view.path("history").size() + " stage(s)";
        return new Snapshot(dealRow(subject), seenByMia, open, variables, closingMails(subject), null);
    }

    Map<String, Object> dealRow(Subject deal) {
        Map<String, Object> row = new LinkedHashMap<>();
        jdbc.queryForMap("select owner, status, stage_key, lost_reason, closed_at from deal where id = ?",
                deal.dealId()).forEach((column, value) -> row.put(column.toLowerCase(), Objects.toString(value, null)));
        return row;
    }

    private void assertRitasDealUntouched(Subject ritas, Snapshot before) {
        assertThat(snapshot(ritas)).as("rita's deal after sam's completion naming it").isEqualTo(before);
        assertThat(stageKey(ritas)).isEqualTo("MeetingBooked");
        assertThat(status(ritas)).isEqualTo("OPEN");
        assertThat(closingMails(ritas)).isZero();
        JsonNode seenByMia = api.get("/api/deals/" + ritas.dealId(), MIA).json();
        assertThat(seenByMia.path("status").asText()).isEqualTo("OPEN");
        assertThat(seenByMia.path("stageKey").asText()).isEqualTo("MeetingBooked");
        assertThat(seenByMia.path("history")).hasSize(1);
    }

    void assertOwnedBy(Subject deal, String owner) {
        assertThat(owner(deal)).as("the deal's owner").isEqualTo(owner);
        assertThat(assignee(deal)).as("its open stage's assignee").isEqualTo(owner);
    }

    String owner(Subject deal) {
        return jdbc.queryForObject("select owner from deal where id = ?", String.class, deal.dealId());
    }

    String status(Subject deal) {
        return jdbc.queryForObject("select status from deal where id = ?", String.class, deal.dealId());
    }

    String stageKey(Subject deal) {
        return jdbc.queryForObject("select stage_key from deal where id = ?", String.class, deal.dealId());
    }

    String assignee(Subject deal) {
        Task task = tasks.createTaskQuery().processInstanceId(deal.processInstanceId()).singleResult();
        assertThat(task).as("the open stage of deal %d", deal.dealId()).isNotNull();
        return task.getAssignee();
    }

    /**
     * The closing emails of the deal: sent or kept ones (table follow_up), and the ones on their way (the email
     * task "Send closing email", which the tests' worker does not poll for by itself).
     */
    long closingMails(Subject deal) {
        return jdbc.queryForObject("select count(*) from follow_up where deal_id = ? and kind = 'CLOSING'", Long.class,
                deal.dealId())
                + externalTasks.createExternalTaskQuery().processInstanceId(deal.processInstanceId())
                .activityId("SendClosingEmail").count();
    }

    /** The deal's "Send meeting confirmation" task, which the tests' worker does not poll for by itself. */
    ExternalTask emailTask(Subject deal) {
        ExternalTask task = externalTasks.createExternalTaskQuery().processInstanceId(deal.processInstanceId())
                .activityId("SendMeetingConfirmation").singleResult();
        assertThat(task).as("the meeting confirmation of %s", deal.reference()).isNotNull();
        return task;
    }

    void assertEmailTaskUnlocked(Subject deal) {
        assertThat(emailTask(deal).getWorkerId()).as("the meeting confirmation of %s locked by", deal.reference())
                .isNull();
    }

    boolean consent(Subject contact) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select marketing_consent from contact where id = ?",
                Boolean.class, contact.contactId()));
    }

    String contactEmail(Subject contact) {
        return jdbc.queryForObject("select email from contact where id = ?", String.class, contact.contactId());
    }

    /** The ids of the deal's open stages that {@code user} lists through /engine-rest. */
    List<String> taskIdsOf(String user, Subject deal) {
        Api.Response response = api.get("/engine-rest/task?processInstanceId=" + deal.processInstanceId(), user);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return elements(response.json()).stream().map(task -> task.path("id").asText()).toList();
    }

    List<String> salesTaskIds(String user) {
        Api.Response response = api.get("/engine-rest/task?processDefinitionKey=" + SALES_PROCESS, user);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return elements(response.json()).stream().map(task -> task.path("id").asText()).toList();
    }

    /** A JSON array's elements, or a HAL page's embedded tasks. */
    static List<JsonNode> elements(JsonNode json) {
        if (json.has("_embedded") && !json.path("_embedded").has("task")) {
            return List.of(); // a HAL page without tasks has no "task" at all
        }
        JsonNode items = json.isArray() ? json : json.path("_embedded").path("task");
        assertThat(items.isArray()).as("a list: %s", json).isTrue();
        return StreamSupport.stream(items.spliterator(), false).toList();
    }

    private static long count(JsonNode pipeline) {
        long count = 0;
        for (JsonNode stage : pipeline.path("stages")) {
            count += stage.path("count").asLong();
        }
        return count;
    }

    private static Set<String> fieldNames(JsonNode json) {
        Set<String> names = new TreeSet<>();
        for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    void ensureUser(String id, String group) {
        TestUsers.ensure(identity, id, group);
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** The figures without what names the query or moves with the clock (owner, asOf, average days in stage). */
    private static JsonNode figures(JsonNode answer) {
        JsonNode copy = answer.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode node) {
        if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
            object.remove(List.of("owner", "asOf", "averageDaysInStage"));
        }
        node.forEach(AccessMatrixTests::strip);
    }
}
