package io.dealflow.process;

import static io.dealflow.support.ProcessSteps.fireTimer;
import io.dealflow.support.MailServer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealflow.deal.Deal;
import io.dealflow.deal.DealService;
import io.dealflow.deal.DealStatus;
import io.dealflow.followup.EmailTask;
import io.dealflow.followup.FollowUpWorker;
import io.dealflow.support.Api;
import io.dealflow.support.Mailbox;
import io.dealflow.support.OnH2;
import io.dealflow.support.TestDeals;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The models and the app's beans agree: every bean a model names (camunda:delegateExpression of a task or a
 * listener, camunda:topic of an email task) exists with the right type, every adapter of the app is named by a
 * model, and an instance of an earlier model version that still uses a former name (see {@link FormerBeanNames})
 * runs to its end.
 */
@OnH2
class ModelBeansTests {

    private static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";
    private static final Pattern BEAN = Pattern.compile("\\$\\{(\\w+)}");

    @RegisterExtension
    static MailServer smtp = new MailServer();

    @Autowired
    ApplicationContext context;
    @Autowired
    RepositoryService repository;
    @Autowired
    RuntimeService runtime;
    @Autowired
    TaskService tasks;
    @Autowired
    ManagementService management;
    @Autowired
    ExternalTaskService externalTasks;
    @Autowired
    FollowUpWorker worker;
    @Autowired
    DealService deals;
    @Autowired
    JdbcTemplate jdbc;
    @LocalServerPort
    int port;

    /** A bean a model names: the model, the element naming it, and the type it must have. */
    record Use(String model, String element, String bean, Class<?> type) {
    }

    @Test
    void everyBeanAModelNamesExistsWithTheRightType() throws Exception {
        List<Use> uses = uses();
        assertThat(uses).extracting(Use::model).contains("sales-process.bpmn", "lead-process.bpmn",
                "idle-deal-watch.bpmn", "consent-confirmation.bpmn");
        assertThat(uses).allSatisfy(use -> {
            assertThat(context.containsBean(use.bean())).as("%s names bean %s", use.model(), use.bean()).isTrue();
            assertThat(context.isTypeMatch(use.bean(), use.type()))
                    .as("%s: bean %s (%s) is a %s", use.model(), use.bean(), use.element(), use.type().getSimpleName())
                    .isTrue();
        });
        assertThat(uses).extracting(Use::bean).as("the current models use the current names only")
                .doesNotContainAnyElementsOf(FormerBeanNames.FORMER_TO_CURRENT.keySet());
    }

    @Test
    void everyAdapterOfTheAppIsUsedByAModel() throws Exception {
        Set<String> used = new HashSet<>();
        uses().forEach(use -> used.add(use.bean()));
        List<String> adapters = new ArrayList<>();
        Stream.of(JavaDelegate.class, EmailTask.class).forEach(type -> context.getBeansOfType(type).forEach(
                (name, bean) -> {
                    if (AopUtils.getTargetClass(bean).getPackageName().startsWith("io.dealflow")) {
                        adapters.add(name);
                    }
                }));

        assertThat(adapters).isNotEmpty().allSatisfy(name -> assertThat(used).as("a model uses bean %s", name)
                .contains(name));
    }

    @Test
    void theFormerNamesAreAliasesOfTheCurrentBeans() {
        FormerBeanNames.FORMER_TO_CURRENT.forEach((former, current) -> {
            assertThat(context.getBean(former)).as(former).isSameAs(context.getBean(current));
            assertThat(context.getAliases(current)).contains(former);
        });
    }

    /** A lead process deployed before "Record rejection" and the hand-off listener had their current names. */
    @Test
    void anInstanceOfAnEarlierLeadModelUsingTheFormerBeanNamesStillRuns() throws Exception {
        String former = Files.readString(Path.of("bpmn/lead-process.bpmn"))
                .replace("${recordRejection}", "${recordHandOffRejected}")
                .replace("${bookTheMeetingListener}", "${handOffDecision}");
        assertThat(former).contains("${recordHandOffRejected}", "${handOffDecision}");
        String deployment = deploy(repository.createDeployment().name("lead process with former names")
                .addString("lead-process.bpmn", former), "book-the-meeting.form");
        try {
            String unique = UUID.randomUUID().toString().substring(0, 8);
            JsonNode lead = new Api(port).post("/api/leads", """
                    {"email": "former-%s@former-%s.example", "firstName": "Lee", "lastName": "Prospect",
                     "company": "Former Works",
                     "consent": {"marketing": true, "source": "webform", "text": "I agree to receive emails"},
                     "answers": {"budget": true, "authority": true, "need": true, "timeline": "NOW", "employees": 250}}
                    """.formatted(unique, unique), "mark").json();
            ProcessInstance process = runtime.createProcessInstanceQuery().processInstanceId(jdbc.queryForObject(
                    "select process_instance_id from lead where id = ?", String.class, lead.get("leadId").asLong()))
                    .singleResult();
            assertThat(repository.getProcessDefinition(process.getProcessDefinitionId()).getDeploymentId())
                    .isEqualTo(deployment);

            Task bookTheMeeting = tasks.createTaskQuery().processInstanceId(process.getId()).singleResult();
            tasks.claim(bookTheMeeting.getId(), "sam");
            tasks.complete(bookTheMeeting.getId(), Map.of("decision", "reject", "rejectReason", "NO_BUDGET"));

            // the listener (handOffDecision) recorded who decided, the delegate (recordHandOffRejected) the rejection
            assertThat(jdbc.queryForMap("select decision, decided_by from hand_off where lead_id = ?",
                    lead.get("leadId").asLong())).containsEntry("DECISION", "REJECTED").containsEntry("DECIDED_BY", "sam");
            assertThat(runtime.createProcessInstanceQuery().processInstanceId(process.getId()).activityIdIn("NurtureWait1")
                    .count()).isOne();
        } finally {
            repository.deleteDeployment(deployment, true);
        }
    }

    /**
     * A lead process deployed before "Qualify lead" mapped the table's outputs: it stored the whole result in the
     * variable "qualification", and the answers and the meeting time as stored variables, which the current "Record
     * lead" keeps transient; its instances are still qualified, the first time and when the lead engages again.
     */
    @Test
    void anInstanceOfAnEarlierLeadModelStoringTheWholeQualificationIsQualifiedAgain() throws Exception {
        String current = Files.readString(Path.of("bpmn/lead-process.bpmn"));
        String former = current.replaceFirst("(<bpmn:businessRuleTask id=\"QualifyLead\" name=\"Qualify lead\") "
                        + "(camunda:decisionRef=\"lead-qualification\")(.*?)<bpmn:extensionElements>.*?"
                        + "</bpmn:extensionElements>",
                "$1 camunda:resultVariable=\"qualification\" $2 camunda:mapDecisionResult=\"singleResult\"$3");
        assertThat(former).isNotEqualTo(current).contains("camunda:resultVariable=\"qualification\"");
        String deployment = deploy(repository.createDeployment().name("lead process storing the qualification")
                .addString("lead-process.bpmn", former), "book-the-meeting.form");
        try {
            String email = "earlier-" + UUID.randomUUID().toString().substring(0, 8) + "@earlier-works.example";
            String lead = """
                    {"email": "%s", "firstName": "Lee", "lastName": "Prospect", "company": "Earlier Works",
                     "consent": {"marketing": true, "source": "webform", "text": "I agree to receive emails"},
                     "answers": {"budget": true, "authority": true, "need": true, "timeline": "%s", "employees": 80}}
                    """;
            long leadId = new Api(port).post("/api/leads", lead.formatted(email, "YEAR"), "mark").json()
                    .get("leadId").asLong();
            String instance = jdbc.queryForObject("select process_instance_id from lead where id = ?", String.class,
                    leadId);
            assertThat(runtime.getVariables(instance)).containsKey("qualification").containsEntry("outcome", "MQL");
            assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance).activityIdIn("NurtureWait1")
                    .count()).isOne();
            // as the code before stored them with the instance
            runtime.setVariables(instance, Map.of("budget", true, "authority", true, "need", true, "timeline", "YEAR",
                    "employees", 80));

            new Api(port).post("/api/leads", lead.formatted(email, "NOW"), "mark");

            assertThat(jdbc.queryForMap("select outcome, segment from lead where id = ?", leadId))
                    .containsEntry("OUTCOME", "SQL").containsEntry("SEGMENT", "MID_MARKET");
            assertThat(runtime.getVariables(instance)).containsEntry("outcome", "SQL").containsEntry("timeline", "NOW");
            assertThat(tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey("BookTheMeeting").count())
                    .isOne();
        } finally {
            repository.deleteDeployment(deployment, true);
        }
    }

    /** A sales process deployed before "Remind owner of unanswered proposal" had its current topic. */
    @Test
    void anInstanceOfAnEarlierSalesModelUsingTheFormerTopicStillRuns() throws Exception {
        String former = Files.readString(Path.of("bpmn/sales-process.bpmn"))
                .replace("camunda:topic=\"remindOwnerOfUnansweredProposal\"", "camunda:topic=\"remindOwnerOfProposal\"");
        assertThat(former).contains("camunda:topic=\"remindOwnerOfProposal\"");
        String deployment = deploy(repository.createDeployment().name("sales process with former names")
                .addString("sales-process.bpmn", former), "meeting-booked.form", "needs-assessed.form",
                "proposal-sent.form", "terms-negotiated.form", "contract-sent.form");
        try {
            Deal deal = deals.get(deals.open(TestDeals.opening("sam")));
            String instance = deal.getProcessInstanceId();
            assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance).singleResult()
                    .getProcessDefinitionId()).isEqualTo(repository.createProcessDefinitionQuery()
                    .deploymentId(deployment).singleResult().getId());
            completeStage(instance, "MeetingBooked", Map.of("outcome", "advance"));
            completeStage(instance, "NeedsAssessed", Map.of("outcome", "advance"));
            fireTimer(management, instance, "ProposalUnanswered3Days");
            skip(instance, "SendProposalFollowUp");
            fireTimer(management, instance, "ProposalUnanswered7Days");
            skip(instance, "SendSecondProposalFollowUp");
            fireTimer(management, instance, "ProposalUnanswered10Days");

            assertThat(worker.workOn(instance, "RemindOwnerOfProposal")).as("the former topic is worked").isOne();

            assertThat(smtp.receivedBy("sam@example.com"))
                    .filteredOn(mail -> Mailbox.subject(mail).startsWith(deal.getReference()))
                    .singleElement().satisfies(mail -> assertThat(Mailbox.subject(mail)).contains("still unanswered"));
            assertThat(externalTasks.createExternalTaskQuery().processInstanceId(instance)
                    .activityId("RemindOwnerOfProposal").count()).as("the reminder's task completed").isZero();
            // closed before its version goes, so that it does not stay open without a process
            completeStage(instance, "ProposalSent", Map.of("outcome", "lost", "lostReason", "NOT_A_FIT"));
            assertThat(deals.get(deal.getId()).getStatus()).isEqualTo(DealStatus.LOST);
        } finally {
            repository.deleteDeployment(deployment, true);
        }
    }

    private static List<Use> uses() throws Exception {
        List<Use> uses = new ArrayList<>();
        try (Stream<Path> models = Files.list(Path.of("bpmn"))) {
            for (Path model : models.filter(path -> path.toString().endsWith(".bpmn")).sorted().toList()) {
                var factory = DocumentBuilderFactory.newInstance();
                factory.setNamespaceAware(true);
                var document = factory.newDocumentBuilder().parse(model.toFile());
                NodeList elements = document.getElementsByTagNameNS("*", "*");
                for (int i = 0; i < elements.getLength(); i++) {
                    Element element = (Element) elements.item(i);
                    String name = model.getFileName().toString();
                    String id = element.getAttribute("id").isEmpty() ? element.getLocalName() : element.getAttribute("id");
                    String delegate = element.hasAttributeNS(CAMUNDA, "delegateExpression")
                            ? element.getAttributeNS(CAMUNDA, "delegateExpression")
                            : element.getAttribute("delegateExpression");
                    if (!delegate.isEmpty()) {
                        Class<?> type = switch (element.getLocalName()) {
                            case "taskListener" -> TaskListener.class;
                            case "executionListener" -> ExecutionListener.class;
                            default -> JavaDelegate.class;
                        };
                        uses.add(new Use(name, id, beanOf(delegate, name, id), type));
                    }
                    if (element.hasAttributeNS(CAMUNDA, "topic")) {
                        uses.add(new Use(name, id, element.getAttributeNS(CAMUNDA, "topic"), EmailTask.class));
                    }
                }
            }
        }
        return uses;
    }

    private static String beanOf(String expression, String model, String element) {
        Matcher bean = BEAN.matcher(expression.trim());
        assertThat(bean.matches()).as("%s %s: a delegate expression names a bean, ${name}: %s", model, element,
                expression).isTrue();
        return bean.group(1);
    }

    private String deploy(DeploymentBuilder deployment, String... forms) throws IOException {
        List<InputStream> opened = new ArrayList<>();
        try {
            for (String form : forms) {
                InputStream in = getClass().getResourceAsStream("/" + form);
                opened.add(in);
                deployment.addInputStream(form, in);
            }
            return deployment.deploy().getId();
        } finally {
            for (InputStream in : opened) {
                in.close();
            }
        }
    }

    private void completeStage(String instance, String stage, Map<String, Object> variables) {
        Task task = tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey(stage).singleResult();
        tasks.complete(task.getId(), variables);
    }

    /** Completes an email task without sending its emails: only the path to the next one matters here. */
    private void skip(String instance, String activityId) {
        ExternalTask task = externalTasks.createExternalTaskQuery().processInstanceId(instance).activityId(activityId)
                .singleResult();
        externalTasks.lock(task.getId(), "model-beans-test", 60_000);
        externalTasks.complete(task.getId(), "model-beans-test");
    }
}
