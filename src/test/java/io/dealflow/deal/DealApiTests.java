package io.dealflow.deal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealflow.support.Api;
import io.dealflow.support.OnH2;
import io.dealflow.support.SalesModels;
import io.dealflow.support.StoredCounts;
import io.dealflow.support.TestDeals;
import java.time.Duration;
import java.util.stream.Stream;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** POST /api/deals and GET /api/deals/{id} over HTTP, with every kind of bad input. */
@OnH2
class DealApiTests {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    RepositoryService repository;
    @Autowired
    RuntimeService runtime;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    @Test
    void openingADealStoresItsRecordsAndStartsItsProcess() {
        Api.Response created = api.post("/api/deals", TestDeals.requestJson("sam"), "sam");

        assertThat(created.status()).isEqualTo(201);
        JsonNode deal = created.json();
        assertThat(deal.get("id").asLong()).isPositive();
        assertThat(deal.get("reference").asText()).matches("D-\\d{5,}");
        assertThat(deal.get("processInstanceId").asText()).isNotBlank();
        assertThat(deal.get("stage").asText()).isEqualTo("Meeting booked");
        assertThat(deal.get("stageKey").asText()).isEqualTo("MeetingBooked");
        assertThat(deal.get("status").asText()).isEqualTo("OPEN");
        assertThat(deal.get("owner").asText()).isEqualTo("sam");
        assertThat(deal.at("/monthlyValue/amount").decimalValue()).isEqualByComparingTo("1250.50");
        assertThat(deal.at("/monthlyValue/currency").asText()).isEqualTo("EUR");
        // the domain and the email are normalized
        assertThat(deal.at("/company/domain").asText()).startsWith("acme-").endsWith(".example")
                .doesNotContain("www").doesNotContain("/");
        assertThat(deal.at("/contacts/0/email").asText()).startsWith("dana@acme-");
        assertThat(deal.at("/contacts/0/role").asText()).isEqualTo("DECISION_MAKER");
        assertThat(deal.at("/contacts/1/role").asText()).isEqualTo("USER");
        assertThat(deal.at("/meetingAt").asText()).isEqualTo("2026-12-03T10:00:00Z");

        Api.Response read = api.get("/api/deals/" + deal.get("id").asLong(), "mia");
        assertThat(read.status()).isEqualTo(200);
        JsonNode history = read.json().get("history");
        assertThat(history).hasSize(1);
        assertThat(history.get(0).get("stage").asText()).isEqualTo("Meeting booked");
        assertThat(history.get(0).get("enteredAt").asText()).isNotBlank();
        assertThat(read.json().get("followUps").isArray()).isTrue();
        assertThat(jdbc.queryForObject("select business_key_ from ACT_RU_EXECUTION where id_ = ?", String.class,
                deal.get("processInstanceId").asText())).isEqualTo(deal.get("reference").asText());
    }

    @Test
    void theSameCompanyAndContactAreLinkedNotDuplicated() {
        String body = TestDeals.requestJson("sam");
        JsonNode first = api.post("/api/deals", body, "sam").json();
        StoredCounts before = StoredCounts.of(jdbc);

        JsonNode second = api.post("/api/deals", body.replace("\"Dana@", "\"DANA@"), "sam").json();

        StoredCounts after = StoredCounts.of(jdbc);
        assertThat(second.at("/company/id").asLong()).isEqualTo(first.at("/company/id").asLong());
        assertThat(second.at("/contacts/0/id").asLong()).isEqualTo(first.at("/contacts/0/id").asLong());
        assertThat(after.companies()).isEqualTo(before.companies());
        assertThat(after.contacts()).isEqualTo(before.contacts());
        assertThat(after.deals()).isEqualTo(before.deals() + 1);
    }

    static Stream<Arguments> badInput() {
        String valid = TestDeals.requestJson("sam");
        return Stream.of(
                Arguments.of("malformed JSON", "{\"title\": \"x\", ", "body"),
                Arguments.of("missing email", valid.replaceFirst("\"email\": \" Dana@[^\"]*\", ", ""), "contacts[0].email"),
                Arguments.of("invalid email", valid.replaceFirst("\" Dana@[^\"]*\"", "\"dana-at-acme\""), "contacts[0].email"),
                Arguments.of("no contact", valid.replaceFirst("(?s)\"contacts\": \\[.*?\\}\\],", "\"contacts\": [],"), "contacts"),
                Arguments.of("negative amount", valid.replace("1250.50", "-10"), "monthlyValue.amount"),
                Arguments.of("non-numeric amount", valid.replace("1250.50", "\"lots\""), "monthlyValue.amount"),
                Arguments.of("too many decimals", valid.replace("1250.50", "12.345"), "monthlyValue.amount"),
                Arguments.of("unknown currency", valid.replace("\"EUR\"", "\"XYZ\""), "monthlyValue.currency"),
                Arguments.of("missing currency", valid.replace("\"currency\": \"EUR\"", "\"currency\": null"), "monthlyValue.currency"),
                Arguments.of("unknown owner", TestDeals.requestJson("nobody"), "owner"),
                Arguments.of("missing title", valid.replaceFirst("\"title\": \"[^\"]*\",", ""), "title"),
                Arguments.of("oversized title", valid.replaceFirst("\"title\": \"[^\"]*\"", "\"title\": \"" + "x".repeat(201) + "\""), "title"),
                Arguments.of("oversized company name", valid.replaceFirst("\"name\": \"[^\"]*\"", "\"name\": \"" + "y".repeat(201) + "\""), "company.name"),
                Arguments.of("oversized first name", valid.replaceFirst("\"firstName\": \"Dana\"", "\"firstName\": \"" + "z".repeat(101) + "\""), "contacts[0].firstName"),
                Arguments.of("unknown role", valid.replace("\"USER\"", "\"BOSS\""), "contacts[1].role"),
                Arguments.of("same email twice", valid.replaceFirst("\"lee@", "\"dana@"), "contacts[1].email"),
                Arguments.of("invalid domain", valid.replaceFirst("\"domain\": \"[^\"]*\"", "\"domain\": \"not a domain\""), "company.domain"),
                Arguments.of("invalid meeting time", valid.replace("2026-12-03T10:00:00Z", "next tuesday"), "meetingAt"),
                Arguments.of("number as title", valid.replaceFirst("\"title\": \"[^\"]*\"", "\"title\": 123"), "title"),
                Arguments.of("number as email", valid.replaceFirst("\" Dana@[^\"]*\"", "5"), "contacts[0].email"),
                Arguments.of("amount as text", valid.replace("1250.50", "\"1250.50\""), "monthlyValue.amount"),
                Arguments.of("text as consent", valid.replace("\"role\": \"USER\"}",
                        "\"role\": \"USER\", \"consent\": {\"marketing\": \"yes\"}}"), "contacts[1].consent.marketing"),
                Arguments.of("huge exponent", valid.replace("1250.50", "1E500000000"), "monthlyValue.amount"),
                Arguments.of("tiny exponent", valid.replace("1250.50", "1E-500000000"), "monthlyValue.amount"),
                Arguments.of("NUL in a name", valid.replace("\"firstName\": \"Dana\"", "\"firstName\": \"Da\\u0000na\""), "contacts[0].firstName"),
                Arguments.of("oversized owner", valid.replace("\"owner\": \"sam\"", "\"owner\": \"" + "s".repeat(65) + "\""), "owner"));
    }

    /** 1E500000000 is short to send but has 500 million digits: refused at once, not after minutes of CPU. */
    @Test
    void anAmountWithAHugeExponentIsRefusedAtOnce() {
        String body = TestDeals.requestJson("sam").replace("1250.50", "1E500000000");

        Api.Response response = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> api.post("/api/deals", body, "sam"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("detail").asText()).contains("monthlyValue.amount");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void badInputIsRefusedNamingTheFieldAndStoresNothing(String what, String body, String field) {
        StoredCounts before = StoredCounts.of(jdbc);

        Api.Response response = api.post("/api/deals", body, "sam");

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("detail").asText()).contains(field);
        assertThat(problem.get("errors")).anySatisfy(error -> assertThat(error.get("field").asText()).isEqualTo(field));
        assertThat(StoredCounts.of(jdbc)).isEqualTo(before);
    }

    @Test
    void aFailureWhileOpeningLeavesNothingBehind() {
        // a process owner's broken model: the first stage's assignee expression cannot be resolved,
        // so the process fails after the records were written in the same transaction
        BpmnModelInstance model = SalesModels.shipped();
        UserTask meetingBooked = model.getModelElementById("MeetingBooked");
        meetingBooked.setCamundaAssignee("${undefinedVariable}");
        Deployment broken = repository.createDeployment().name("broken assignee")
                .addModelInstance("sales-process.bpmn", model).deploy();
        try {
            StoredCounts before = StoredCounts.of(jdbc);

            Api.Response response = api.post("/api/deals", TestDeals.requestJson("sam"), "sam");

            assertThat(response.status()).isEqualTo(500);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(StoredCounts.of(jdbc)).isEqualTo(before);
        } finally {
            repository.deleteDeployment(broken.getId(), true);
        }
    }

    @ParameterizedTest(name = "monthlyValue {0}")
    @ValueSource(strings = {"omitted", "null"})
    void aDealOpenedWithoutAValueHasAnUnknownAmountInTheBaseCurrency(String how) {
        String body = TestDeals.requestJson("sam").replace(
                "\"monthlyValue\": {\"amount\": 1250.50, \"currency\": \"EUR\"},",
                how.equals("null") ? "\"monthlyValue\": null," : "");
        Api.Response created = api.post("/api/deals", body, "sam");
        assertThat(created.status()).as(created.body()).isEqualTo(201);

        JsonNode read = api.get("/api/deals/" + created.json().get("id").asLong(), "sam").json();
        assertThat(read.at("/monthlyValue").has("amount")).as("amount present, as null").isTrue();
        assertThat(read.at("/monthlyValue/amount").isNull()).isTrue();
        assertThat(read.at("/monthlyValue/currency").asText()).isEqualTo("EUR");
        assertThat(runtime.getVariable(read.get("processInstanceId").asText(), "monthlyValue"))
                .isEqualTo("Not known yet (EUR)");
    }

    @Test
    void theApiNeedsACamundaUser() {
        assertThat(api.post("/api/deals", TestDeals.requestJson("sam"), null).status()).isEqualTo(401);
        assertThat(api.get("/api/deals/1", null).status()).isEqualTo(401);
        assertThat(api.get("/engine-rest/task", null).status()).isEqualTo(401);
    }

    @Test
    void anUnknownDealIsNotFound() {
        Api.Response response = api.get("/api/deals/987654321", "sam");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }
}
