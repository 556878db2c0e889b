package io.dealflow.tasklist;

import static io.dealflow.support.TasklistSession.ENGINE;
import static io.dealflow.support.TasklistSession.HAL;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dealflow.deal.Deal;
import io.dealflow.deal.DealService;
import io.dealflow.deal.DealView;
import io.dealflow.support.OnH2;
import io.dealflow.support.TasklistSession;
import io.dealflow.support.TasklistSession.Response;
import io.dealflow.support.TestDeals;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Tasklist as a rep uses it, over real HTTP: the calls the Tasklist web app makes (login with CSRF, the filter
 * list, a filter's tasks, the form reference, the deployed Camunda Form, its variables, submit), replayed as
 * {@code sam} on a deal of his. Plus who may log in where: marketing sees no sales tasks, and only sales and
 * management get into Cockpit.
 */
@OnH2
class TasklistAsSamTests {

    private static final List<String> FILTERS = List.of("My deals", "No next step", "Team deals", "All open deals");
    /** The fields of the Meeting booked form that are shown read-only and submitted as they were loaded. */
    private static final List<String> READONLY_FIELDS = List.of("dealReference", "dealTitle", "companyName",
            "monthlyValue", "contactNames");

    private final ObjectMapper json = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    DealService deals;
    @Autowired
    RuntimeService runtime;
    @Autowired
    IdentityService identity;

    @Test
    void samMovesHisDealOnFromMeetingBookedInTasklist() {
        Deal deal = deals.get(deals.open(TestDeals.opening("sam")));
        String companyName = deals.view(deal.getId()).company().name();
        TasklistSession tasklist = new TasklistSession(port);

        Response login = tasklist.login("tasklist", "sam", "sam");
        assertThat(login.status()).as("login: %s", login).isEqualTo(200);
        assertThat(login.json().path("userId").asText()).isEqualTo("sam");
        assertThat(login.json().path("authorizedApps")).extracting(JsonNode::asText).contains("tasklist");
        assertThat(tasklist.csrfToken()).as("the token handed out after login").isNotBlank();

        // the filters, and the one Tasklist opens first (lowest priority)
        Map<String, JsonNode> filters = filters(tasklist);
        assertThat(filters).containsKeys(FILTERS.toArray(String[]::new));
        assertThat(filters.values().stream()
                .min(Comparator.comparingInt(filter -> filter.path("properties").path("priority").asInt()))
                .map(filter -> filter.path("name").asText())).contains("My deals");

        // the deal's stage among "My deals", as the list shows it
        JsonNode task = findTask(tasklist, filters.get("My deals"), deal.getProcessInstanceId())
                .orElseThrow(() -> new AssertionError("The Meeting booked task of " + deal.getReference()
                        + " is not in sam's \"My deals\""));
        assertThat(task.path("name").asText()).isEqualTo("Meeting booked");
        assertThat(task.path("assignee").asText()).isEqualTo("sam");
        assertThat(task.path("taskDefinitionKey").asText()).isEqualTo("MeetingBooked");
        String taskId = task.path("id").asText();
        assertThat(findTask(tasklist, filters.get("All open deals"), deal.getProcessInstanceId())).isPresent();

        // the form: a Camunda Form deployed with the model
        Response form = tasklist.get(ENGINE + "/task/" + taskId + "/form", "application/json");
        assertThat(form.status()).as("form: %s", form).isEqualTo(200);
        assertThat(form.json().path("camundaFormRef").path("key").asText()).isEqualTo("meeting-booked");
        assertThat(form.json().path("camundaFormRef").path("binding").asText()).isEqualTo("deployment");

        Response schema = tasklist.get(ENGINE + "/task/" + taskId + "/deployed-form?noCache="
                + System.currentTimeMillis(), "*/*");
        assertThat(schema.status()).as("deployed form: %s", schema).isEqualTo(200);
        assertThat(schema.contentType()).startsWith("application/json");
        assertThat(schema.json().path("id").asText()).isEqualTo("meeting-booked");
        List<String> fieldKeys = fieldKeys(schema.json());
        assertThat(fieldKeys).contains("outcome", "lostReason", "needs", "monthlyAmount")
                .containsAll(READONLY_FIELDS);

        // the values the form is filled with: all variables, not deserialized
        Response variables = tasklist.get(ENGINE + "/task/" + taskId + "/form-variables?deserializeValues=false",
                HAL);
        assertThat(variables.status()).as("form variables: %s", variables).isEqualTo(200);
        JsonNode values = variables.json();
        assertThat(values.path("companyName").path("value").asText()).isEqualTo(companyName);
        assertThat(values.path("dealReference").path("value").asText()).isEqualTo(deal.getReference());
        assertThat(values.path("monthlyValue").path("value").asText()).isEqualTo("1,250.50 EUR");
        assertThat(values.path("monthlyValue").path("type").asText()).isEqualTo("String");
        assertThat(values.has("opening")).as("the opening data is transient, never a variable").isFalse();

        // submit as form-js does: the keyed fields that are shown (read-only ones included), untyped values
        ObjectNode submitted = json.createObjectNode();
        for (String field : READONLY_FIELDS) {
            submitted.putObject(field).put("value", values.path(field).path("value").asText());
        }
        submitted.putObject("needs").put("value", "Route planning for 40 trucks, live ETA for customers");
        submitted.putObject("monthlyAmount").put("value", 1800);
        submitted.putObject("outcome").put("value", "advance");
        ObjectNode body = json.createObjectNode();
        body.set("variables", submitted);
        Response submit = tasklist.post(ENGINE + "/task/" + taskId + "/submit-form", body.toString(), HAL);
        assertThat(submit.status()).as("submit: %s", submit).isEqualTo(204);

        DealView moved = deals.view(deal.getId());
        assertThat(moved.stageKey()).isEqualTo("NeedsAssessed");
        assertThat(moved.stage()).isEqualTo("Needs assessed");
        assertThat(moved.history()).hasSize(2);
        assertThat(moved.monthlyValue().amount()).as("the value the first stage's form gave").isEqualByComparingTo("1800");
        DealView.StageVisitView meetingBooked = moved.history().get(0);
        assertThat(meetingBooked.stageKey()).isEqualTo("MeetingBooked");
        assertThat(meetingBooked.movedBy()).isEqualTo("sam");
        assertThat(meetingBooked.leftAt()).isNotNull();
        assertThat(meetingBooked.outcome()).isEqualTo("advance");
        assertThat(moved.history().get(1).leftAt()).isNull();
        assertThat(runtime.getVariable(deal.getProcessInstanceId(), "needs"))
                .isEqualTo("Route planning for 40 trucks, live ETA for customers");

        // the old task is gone from the list, the next stage is there
        JsonNode next = findTask(tasklist, filters.get("My deals"), deal.getProcessInstanceId()).orElseThrow();
        assertThat(next.path("id").asText()).isNotEqualTo(taskId);
        assertThat(next.path("name").asText()).isEqualTo("Needs assessed");
    }

    @Test
    void marketingLogsInToTasklistButSeesNoSalesTask() {
        Deal deal = deals.get(deals.open(TestDeals.opening("sam")));
        TasklistSession sam = new TasklistSession(port);
        assertThat(sam.login("tasklist", "sam", "sam").status()).isEqualTo(200);
        assertThat(findTask(sam, filters(sam).get("All open deals"), deal.getProcessInstanceId()))
                .as("sam sees the open deal").isPresent();

        TasklistSession mark = new TasklistSession(port);
        Response login = mark.login("tasklist", "mark", "mark");
        assertThat(login.status()).as("login: %s", login).isEqualTo(200);
        assertThat(login.json().path("authorizedApps")).extracting(JsonNode::asText)
                .contains("tasklist").doesNotContain("cockpit");

        // marketing may read every filter (FILTER * READ) ...
        Map<String, JsonNode> filters = filters(mark);
        assertThat(filters).containsKeys(FILTERS.toArray(String[]::new));
        // ... but has no right on the sales process or its tasks, so the lists stay empty
        for (String name : FILTERS) {
            JsonNode page = listPage(mark, filters.get(name), 0);
            assertThat(page.path("count").asLong()).as("tasks mark sees in \"%s\": %s", name, page).isZero();
            assertThat(tasks(page)).isEmpty();
        }
        // and asking for the task directly is refused
        String taskId = findTask(sam, filters(sam).get("All open deals"), deal.getProcessInstanceId()).orElseThrow()
                .path("id").asText();
        Response direct = mark.get(ENGINE + "/task/" + taskId + "/form-variables?deserializeValues=false", HAL);
        assertThat(direct.status()).as("form variables for mark: %s", direct).isEqualTo(403);
        Response submit = mark.post(ENGINE + "/task/" + taskId + "/submit-form",
                "{\"variables\":{\"outcome\":{\"value\":\"advance\"}}}", HAL);
        assertThat(submit.status()).as("submit by mark: %s", submit).isEqualTo(403);
        assertThat(deals.get(deal.getId()).getStageKey()).isEqualTo("MeetingBooked");
    }

    @Test
    void cockpitIsForManagementAndNotForMarketing() {
        TasklistSession mia = new TasklistSession(port);
        Response miaLogin = mia.login("cockpit", "mia", "mia");
        assertThat(miaLogin.status()).as("mia: %s", miaLogin).isEqualTo(200);
        assertThat(miaLogin.json().path("authorizedApps")).extracting(JsonNode::asText).contains("cockpit");

        TasklistSession mark = new TasklistSession(port);
        Response markLogin = mark.login("cockpit", "mark", "mark");
        assertThat(markLogin.status()).as("mark: %s", markLogin).isEqualTo(403);
        // a 403 for want of the CSRF token would look the same: the token was there, the right was not
        assertThat(mark.csrfToken()).isNotBlank();

        // a user of its own: after a failed login Camunda delays that user's next logins, which would
        // make other tests' logins as mia fail for a few seconds
        String user = "wrongpassword" + UUID.randomUUID().toString().substring(0, 8).replace("-", "");
        User someone = identity.newUser(user);
        someone.setPassword(user);
        identity.saveUser(someone);
        identity.createMembership(user, "management");
        TasklistSession wrongPassword = new TasklistSession(port);
        assertThat(wrongPassword.login("cockpit", user, "not-" + user).status()).isEqualTo(401);
    }

    /** The filter list as Tasklist loads it, by name. */
    private Map<String, JsonNode> filters(TasklistSession session) {
        Response response = session.get(ENGINE + "/filter?firstResult=0&maxResults=2000&itemCount=false"
                + "&resourceType=Task", HAL);
        assertThat(response.status()).as("filters: %s", response).isEqualTo(200);
        Map<String, JsonNode> byName = new java.util.LinkedHashMap<>();
        response.json().forEach(filter -> byName.put(filter.path("name").asText(), filter));
        return byName;
    }

    /** Pages through a filter's tasks as Tasklist does (15 a page, newest first) until the instance's task shows. */
    private Optional<JsonNode> findTask(TasklistSession session, JsonNode filter, String processInstanceId) {
        for (int first = 0; ; first += 15) {
            JsonNode page = listPage(session, filter, first);
            Optional<JsonNode> found = tasks(page).stream()
                    .filter(task -> processInstanceId.equals(task.path("processInstanceId").asText()))
                    .findFirst();
            if (found.isPresent() || first + 15 >= page.path("count").asLong()) {
                return found;
            }
        }
    }

    private JsonNode listPage(TasklistSession session, JsonNode filter, int firstResult) {
        String body = """
                {"processVariables":[],"taskVariables":[],"caseInstanceVariables":[],
                 "firstResult":%1$d,"maxResults":15,"sorting":[{"sortBy":"created","sortOrder":"desc"}],
                 "active":true}""".formatted(firstResult);
        Response response = session.post(ENGINE + "/filter/" + filter.path("id").asText() + "/list?firstResult="
                + firstResult + "&maxResults=15", body, HAL);
        assertThat(response.status()).as("list of %s: %s", filter.path("name"), response).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/hal+json");
        return response.json();
    }

    private static List<JsonNode> tasks(JsonNode page) {
        JsonNode tasks = page.path("_embedded").path("task");
        return StreamSupport.stream(tasks.spliterator(), false).toList();
    }

    /** The keys of all form fields, in groups too. */
    private static List<String> fieldKeys(JsonNode container) {
        List<String> keys = new ArrayList<>();
        for (JsonNode component : container.path("components")) {
            if (component.hasNonNull("key")) {
                keys.add(component.get("key").asText());
            }
            keys.addAll(fieldKeys(component));
        }
        return keys;
    }
}
