package io.dealflow.stage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dealflow.config.SalesAccess;
import io.dealflow.deal.Deal;
import io.dealflow.deal.DealService;
import io.dealflow.support.Api;
import io.dealflow.support.OnH2;
import io.dealflow.support.SalesModels;
import io.dealflow.support.TestDeals;
import io.dealflow.support.TestUsers;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The rep's next step on a deal, in Tasklist's own terms: a stage is due when the deal turns idle in it, the rep sets
 * the follow-up date (and nothing else of the stage), "My deals" lists by it, and "No next step" (and the deal's
 * {@code noNextStep}) shows the deals without one.
 */
@OnH2
class NextStepTests {

    private static final DateTimeFormatter ENGINE_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")
            .withZone(ZoneOffset.UTC);
    private static final Instant OPENED = Instant.parse("2026-10-01T09:00:00Z");

    @LocalServerPort
    int port;
    @Autowired
    DealService deals;
    @Autowired
    TaskService tasks;
    @Autowired
    RepositoryService repository;
    @Autowired
    FilterService filters;
    @Autowired
    SalesAccess salesAccess;
    @Autowired
    IdentityService identity;

    Api api;
    final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void client() {
        api = new Api(port);
        TestUsers.ensure(identity, "rita", "sales");
        ClockUtil.setCurrentTime(Date.from(OPENED));
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void aStageIsDueWhenTheDealTurnsIdleInIt() {
        Deal deal = deals.get(deals.open(TestDeals.opening("sam")));
        assertThat(stage(deal).getDueDate()).as("Meeting booked, idle after P7D")
                .isEqualTo(Date.from(OPENED.plus(Duration.ofDays(7))));

        Instant moved = OPENED.plus(Duration.ofDays(2)).plusSeconds(3600);
        ClockUtil.setCurrentTime(Date.from(moved));
        tasks.complete(stage(deal).getId(), Map.of("outcome", "advance"));

        assertThat(stage(deal).getTaskDefinitionKey()).isEqualTo("NeedsAssessed");
        assertThat(stage(deal).getDueDate()).as("Needs assessed, idle after P10D")
                .isEqualTo(Date.from(moved.plus(Duration.ofDays(10))));
        JsonNode view = api.get("/api/deals/" + deal.getId(), "sam").json();
        assertThat(Instant.parse(view.path("stageDueAt").asText())).isEqualTo(moved.plus(Duration.ofDays(10)));
    }

    @Test
    void aStageWithoutAnIdleLimitHasNoDueDate() {
        BpmnModelInstance model = SalesModels.shipped();
        UserTask meetingBooked = model.getModelElementById("MeetingBooked");
        CamundaProperties properties = meetingBooked.getExtensionElements().getElementsQuery()
                .filterByType(CamundaProperties.class).singleResult();
        properties.getCamundaProperties().stream().filter(property -> "idleLimit".equals(property.getCamundaName()))
                .toList().forEach(properties::removeChildElement);
        Deployment deployment = repository.createDeployment().name("a stage that never idles")
                .addModelInstance("sales-process.bpmn", model).deploy();
        try {
            Deal deal = deals.get(deals.open(TestDeals.opening("sam")));

            assertThat(stage(deal).getDueDate()).isNull();
            JsonNode view = api.get("/api/deals/" + deal.getId(), "sam").json();
            assertThat(view.path("stageDueAt").isMissingNode()).as(view.toString()).isTrue();
        } finally {
            repository.deleteDeployment(deployment.getId(), true);
        }
    }

    @Test
    void aRepSetsTheNextStepOnTheirStageAsTasklistDoes() {
        Deal deal = deals.get(deals.open(TestDeals.opening("sam")));
        Task before = stage(deal);
        Instant nextStep = OPENED.plus(Duration.ofDays(3));

        Api.Response set = putTask("sam", before.getId(), task -> task.put("followUp", date(nextStep)));

        assertThat(set.status()).as(set.body()).isEqualTo(204);
        Task after = stage(deal);
        assertThat(after.getFollowUpDate()).isEqualTo(Date.from(nextStep));
        assertThat(after.getDueDate()).isEqualTo(before.getDueDate());
        assertThat(after.getAssignee()).isEqualTo("sam");
        assertThat(after.getName()).isEqualTo(before.getName());
        JsonNode view = api.get("/api/deals/" + deal.getId(), "sam").json();
        assertThat(Instant.parse(view.path("nextStepAt").asText())).isEqualTo(nextStep);
        assertThat(view.path("noNextStep").asBoolean()).isFalse();
    }

    @Test
    void aRepSetsTheNextStepOfATeamDealNobodyHasTaken() {
        Deal deal = deals.get(deals.open(TestDeals.opening(null)));

        Api.Response set = putTask("sam", stage(deal).getId(),
                task -> task.put("followUp", date(OPENED.plus(Duration.ofDays(1)))));

        assertThat(set.status()).as(set.body()).isEqualTo(204);
        assertThat(stage(deal).getFollowUpDate()).isEqualTo(Date.from(OPENED.plus(Duration.ofDays(1))));
    }

    @Test
    void theNextStepIsAllARepChangesOfTheStage() {
        Deal deal = deals.get(deals.open(TestDeals.opening("sam")));
        Task before = stage(deal);
        String followUp = date(OPENED.plus(Duration.ofDays(3)));

        List<Consumer<ObjectNode>> more = List.of(
                task -> task.put("due", date(OPENED.plus(Duration.ofDays(30)))),
                task -> task.putNull("due"),
                task -> task.put("name", "Contract signed"),
                task -> task.put("assignee", "rita"),
                task -> task.put("owner", "sam"),
                task -> task.put("priority", 99),
                task -> task.put("description", "mine now"));
        for (Consumer<ObjectNode> change : more) {
            Api.Response refused = putTask("sam", before.getId(), task -> {
                task.put("followUp", followUp);
                change.accept(task);
            });
            assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        }

        Task after = stage(deal);
        assertThat(after.getFollowUpDate()).isNull();
        assertThat(after.getDueDate()).isEqualTo(before.getDueDate());
        assertThat(after.getName()).isEqualTo(before.getName());
        assertThat(after.getAssignee()).isEqualTo("sam");
        assertThat(after.getOwner()).isNull();
        assertThat(after.getPriority()).isEqualTo(before.getPriority());
    }

    @Test
    void anotherRepsStageIsNotTheirsToPlan() {
        Deal ritas = deals.get(deals.open(TestDeals.opening("rita")));

        Api.Response refused = putTask("sam", stage(ritas).getId(),
                task -> task.put("followUp", date(OPENED.plus(Duration.ofDays(3)))));

        assertThat(refused.status()).isIn(403, 404);
        assertThat(stage(ritas).getFollowUpDate()).isNull();
    }

    @Test
    void myDealsListsByNextStepThenDueDate() {
        Deal later = deals.get(deals.open(TestDeals.opening("sam")));
        Deal first = deals.get(deals.open(TestDeals.opening("sam")));
        Deal second = deals.get(deals.open(TestDeals.opening("sam")));
        tasks.setFollowUpDate(stage(later).getId(), Date.from(OPENED.plus(Duration.ofDays(5))));
        tasks.setFollowUpDate(stage(first).getId(), Date.from(OPENED.plus(Duration.ofDays(1))));
        tasks.setFollowUpDate(stage(second).getId(), Date.from(OPENED.plus(Duration.ofDays(2))));

        List<String> listed = listed("My deals", "sam");

        List<String> mine = new ArrayList<>(listed);
        mine.retainAll(List.of(stage(later).getId(), stage(first).getId(), stage(second).getId()));
        assertThat(mine).containsExactly(stage(first).getId(), stage(second).getId(), stage(later).getId());
        assertThat(listed("My deals", "rita")).doesNotContain(stage(first).getId());
    }

    @Test
    void aDealWithoutANextStepIsFlaggedUntilTheRepSetsOne() {
        Deal deal = deals.get(deals.open(TestDeals.opening("sam")));
        String stage = stage(deal).getId();
        assertThat(listed("No next step", "sam")).contains(stage);
        assertThat(api.get("/api/deals/" + deal.getId(), "sam").json().path("noNextStep").asBoolean()).isTrue();

        Instant nextStep = OPENED.plus(Duration.ofDays(2));
        assertThat(putTask("sam", stage, task -> task.put("followUp", date(nextStep))).status()).isEqualTo(204);

        assertThat(listed("No next step", "sam")).doesNotContain(stage);
        assertThat(listed("My deals", "sam")).contains(stage);
        assertThat(api.get("/api/deals/" + deal.getId(), "sam").json().path("noNextStep").asBoolean()).isFalse();

        ClockUtil.setCurrentTime(Date.from(nextStep.plusSeconds(60)));
        assertThat(listed("No next step", "sam")).as("the next step passed without a new one").contains(stage);
        assertThat(api.get("/api/deals/" + deal.getId(), "sam").json().path("noNextStep").asBoolean()).isTrue();
        assertThat(listed("No next step", "rita")).doesNotContain(stage);
    }

    @Test
    void anExistingInstallationGetsTheChangedFiltersOnce() {
        // as an earlier version left them: "My deals" unsorted, no "No next step"
        Filter myDeals = filters.createFilterQuery().filterName("My deals").singleResult();
        Map<String, Object> oldProperties = new java.util.HashMap<>(myDeals.getProperties());
        oldProperties.remove("dealflowRevision");
        filters.saveFilter(myDeals.setQuery(tasks.createTaskQuery().processDefinitionKey("sales-process")
                .taskAssigneeExpression("${currentUser()}")).setProperties(oldProperties));
        filters.createFilterQuery().filterName("No next step").list()
                .forEach(filter -> filters.deleteFilter(filter.getId()));

        salesAccess.run();
        salesAccess.run();

        assertThat(filters.createFilterQuery().filterName("My deals").count()).isOne();
        assertThat(filters.createFilterQuery().filterName("No next step").count()).isOne();
        JsonNode stored = api.get("/engine-rest/filter/" + myDeals.getId(), "demo").json();
        assertThat(stored.at("/query/sorting/0/sortBy").asText()).as(stored.toString()).isEqualTo("followUpDate");
        assertThat(stored.at("/query/sorting/1/sortBy").asText()).isEqualTo("dueDate");
        assertThat(stored.at("/query/assigneeExpression").asText()).isEqualTo("${currentUser()}");
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private Task stage(Deal deal) {
        return tasks.createTaskQuery().processInstanceId(deal.getProcessInstanceId()).singleResult();
    }

    /** As Tasklist does: the whole task as the administrator reads it, changed, then PUT back by {@code user}. */
    private Api.Response putTask(String user, String taskId, Consumer<ObjectNode> change) {
        ObjectNode task = (ObjectNode) api.get("/engine-rest/task/" + taskId, "demo").json();
        change.accept(task);
        return api.put("/engine-rest/task/" + taskId, task.toString(), user);
    }

    /** The ids of the tasks the filter lists to {@code user}, through the engine REST API, in its order. */
    private List<String> listed(String filterName, String user) {
        Api.Response found = api.get("/engine-rest/filter?resourceType=Task&name="
                + filterName.replace(" ", "%20"), user);
        assertThat(found.json()).as("%s sees the filter \"%s\": %s", user, filterName, found.body()).hasSize(1);
        String filterId = found.json().get(0).path("id").asText();
        Api.Response list = api.post("/engine-rest/filter/" + filterId + "/list?firstResult=0&maxResults=100000",
                "{}", user);
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        list.json().forEach(task -> ids.add(task.path("id").asText()));
        return ids;
    }

    private static String date(Instant instant) {
        return ENGINE_DATE.format(instant);
    }
}
