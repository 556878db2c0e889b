package io.dealflow.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealflow.deal.Deal;
import io.dealflow.deal.DealService;
import io.dealflow.support.Api;
import io.dealflow.support.OnH2;
import io.dealflow.support.SalesModels;
import io.dealflow.support.TestDeals;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The pipeline on known data. Other test classes share the database, so this one keeps to currencies nobody
 * else uses (CHF, GBP; JPY for the model-change test) and to a period long past (about 400 days ago).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@OnH2
class PipelineTests {

    @LocalServerPort
    int port;
    @Autowired
    DealService deals;
    @Autowired
    TaskService tasks;
    @Autowired
    RepositoryService repository;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    StageTotals stageTotals;

    Api api;
    /** When the known deals were opened: far enough back that no other test's deal is near it. */
    Instant t0;

    @BeforeAll
    void knownDeals() {
        api = new Api(port);
        t0 = Instant.now().minus(Duration.ofDays(400)).truncatedTo(ChronoUnit.SECONDS);
        try {
            Deal d1 = open("sam", "1000", "CHF", t0);                   // stays in Meeting booked
            Deal d2 = open("sam", "2000", "CHF", t0);
            advance(d2, days(10), Map.of());                            // Needs assessed since t0+10d
            Deal d3 = open("mia", "500.50", "CHF", t0.plus(days(1)));
            advance(d3, days(3), Map.of());                             // Needs assessed since t0+3d
            advance(d3, days(20), Map.of("decisionDate", "2027-03-15")); // Proposal sent since t0+20d
            open("sam", "700", "GBP", t0);                              // other currency, Meeting booked
            Deal d5 = open("sam", "9999", "CHF", t0);
            for (int i = 0; i < 5; i++) {
                advance(d5, days(5), Map.of());                         // won at t0+5d
            }
            Deal d6 = open("mia", "4000", "CHF", t0);
            ClockUtil.setCurrentTime(Date.from(t0.plus(days(15))));     // lost at t0+15d from Meeting booked
            tasks.complete(task(d6), Map.of("outcome", "lost", "lostReason", "NOT_A_FIT"));
            assertThat(d1.getId()).isNotNull();
        } finally {
            ClockUtil.reset();
        }
    }

    @Test
    void openDealsPerStageInModelOrderWithExactTotals() {
        JsonNode pipeline = get("/api/pipeline?currency=CHF");

        assertThat(pipeline.get("process").asText()).isEqualTo("sales-process");
        assertThat(pipeline.get("currency").asText()).isEqualTo("CHF");
        assertThat(keys(pipeline)).containsExactly("MeetingBooked", "NeedsAssessed", "ProposalSent",
                "TermsNegotiated", "ContractSent");
        assertStage(pipeline, "MeetingBooked", 1, "1000.00", "100.00", 1);
        assertStage(pipeline, "NeedsAssessed", 1, "2000.00", "500.00", 1);
        assertStage(pipeline, "ProposalSent", 1, "500.50", "250.25", 1);
        assertStage(pipeline, "TermsNegotiated", 0, "0.00", "0.00", 0);
        assertStage(pipeline, "ContractSent", 0, "0.00", "0.00", 0);
        assertThat(stage(pipeline, "MeetingBooked").get("name").asText()).isEqualTo("Meeting booked");
        assertThat(stage(pipeline, "MeetingBooked").get("probability").decimalValue()).isEqualByComparingTo("0.1");
        assertThat(stage(pipeline, "MeetingBooked").get("idleLimit").asText()).isEqualTo("P7D");
        assertThat(stage(pipeline, "MeetingBooked").get("averageDaysInStage").decimalValue()).isEqualByComparingTo("400.0");
        assertThat(stage(pipeline, "NeedsAssessed").get("averageDaysInStage").decimalValue()).isEqualByComparingTo("390.0");
        JsonNode totals = pipeline.get("totals");
        assertThat(totals.get("count").asLong()).isEqualTo(3);
        assertThat(totals.get("value").decimalValue()).isEqualByComparingTo("3500.50");
        assertThat(totals.get("weightedValue").decimalValue()).isEqualByComparingTo("850.25");
        assertThat(totals.get("idleCount").asLong()).isEqualTo(3);
    }

    @Test
    void oneCurrencyPerAnswerAndOneOwnerWhenAsked() {
        JsonNode pounds = get("/api/pipeline?currency=GBP");
        assertStage(pounds, "MeetingBooked", 1, "700.00", "70.00", 1);
        assertThat(pounds.at("/totals/count").asLong()).isEqualTo(1);

        JsonNode mias = get("/api/pipeline?currency=CHF&owner=mia");
        assertStage(mias, "MeetingBooked", 0, "0.00", "0.00", 0);
        assertStage(mias, "ProposalSent", 1, "500.50", "250.25", 1);
        assertThat(mias.at("/totals/value").decimalValue()).isEqualByComparingTo("500.50");
    }

    @Test
    void thePipelineAsItStoodOnAPastDay() {
        Instant asOf = t0.plus(days(12));
        JsonNode then = get("/api/pipeline?currency=CHF&asOf=" + asOf);

        // d1 and d6 (not yet lost) in Meeting booked, d2 and d3 in Needs assessed; d5 was already won
        assertStage(then, "MeetingBooked", 2, "5000.00", "500.00", 2);
        assertStage(then, "NeedsAssessed", 2, "2500.50", "625.13", 0);
        assertStage(then, "ProposalSent", 0, "0.00", "0.00", 0);
        assertThat(then.at("/totals/count").asLong()).isEqualTo(4);
        assertThat(then.at("/asOf").asText()).isEqualTo(asOf.toString());
    }

    @Test
    void theFunnelOfTheDealsOpenedInAPeriod() {
        LocalDate from = LocalDate.ofInstant(t0, ZoneOffset.UTC).minusDays(1);
        LocalDate to = from.plusDays(3);
        JsonNode funnel = get("/api/pipeline/funnel?from=" + from + "&to=" + to);

        assertThat(funnel.get("opened").asLong()).isEqualTo(6);
        assertThat(funnel.get("won").asLong()).isEqualTo(1);
        assertThat(funnel.get("lost").asLong()).isEqualTo(1);
        assertThat(funnel.get("winRate").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(funnel.get("medianDaysToWin").decimalValue()).isEqualByComparingTo("5.0");
        Map<String, Long> reached = new HashMap<>();
        funnel.get("stages").forEach(s -> reached.put(s.get("key").asText(), s.get("reached").asLong()));
        assertThat(reached).containsExactlyInAnyOrderEntriesOf(Map.of("MeetingBooked", 6L, "NeedsAssessed", 3L,
                "ProposalSent", 2L, "TermsNegotiated", 1L, "ContractSent", 1L));
        assertThat(funnel.at("/stages/0/conversion").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(funnel.at("/lostReasons/0/reason").asText()).isEqualTo("NOT_A_FIT");
        assertThat(funnel.at("/lostReasons/0/count").asLong()).isEqualTo(1);
    }

    @Test
    void everyFigureIsPresentEvenWhenItCannotBeComputed() {
        JsonNode funnel = get("/api/pipeline/funnel?from=2001-01-01&to=2001-01-31");

        assertThat(funnel.get("opened").asLong()).isZero();
        for (String field : List.of("winRate", "medianDaysToWin", "owner")) {
            assertThat(funnel.has(field)).as(field).isTrue();
            assertThat(funnel.get(field).isNull()).as(field).isTrue();
        }
        JsonNode pipeline = get("/api/pipeline?currency=JPY");
        assertThat(pipeline.has("asOf")).isTrue();
        assertThat(pipeline.has("owner")).isTrue();
    }

    @Test
    void theForecastByExpectedDecisionMonth() {
        JsonNode forecast = get("/api/pipeline/forecast?currency=CHF");

        JsonNode months = forecast.get("months");
        assertThat(months).hasSize(2);
        assertThat(months.get(0).get("month").asText()).isEqualTo("2027-03");
        assertThat(months.get(0).get("count").asLong()).isEqualTo(1);
        assertThat(months.get(0).get("weightedValue").decimalValue()).isEqualByComparingTo("250.25");
        // the deals without an expected decision date: one bucket, last, saying so with month null
        assertThat(months.get(1).has("month")).isTrue();
        assertThat(months.get(1).get("month").isNull()).isTrue();
        assertThat(months.get(1).get("count").asLong()).isEqualTo(2);
        assertThat(months.get(1).get("value").decimalValue()).isEqualByComparingTo("3000.00");
        assertThat(months.get(1).get("weightedValue").decimalValue()).isEqualByComparingTo("600.00");
    }

    @Test
    void aStageInsertedInTheModelShowsInItsPlaceAndStaysWhileItHoldsDeals() {
        BpmnModelInstance withDemo = SalesModels.withDemoHeldStage();
        Deployment first = repository.createDeployment().addModelInstance("sales-process.bpmn", withDemo).deploy();
        Deployment second = null;
        try {
            JsonNode pipeline = get("/api/pipeline?currency=JPY");
            assertThat(keys(pipeline)).containsExactly("MeetingBooked", "DemoHeld", "NeedsAssessed", "ProposalSent",
                    "TermsNegotiated", "ContractSent");
            assertThat(stage(pipeline, "DemoHeld").get("name").asText()).isEqualTo("Demo held");
            assertThat(stage(pipeline, "DemoHeld").get("probability").decimalValue()).isEqualByComparingTo("0.15");

            Deal deal = deals.get(deals.open(TestDeals.opening("sam", "10000", "JPY")));
            tasks.complete(task(deal), Map.of("outcome", "advance"));
            // the process owner takes the stage out again; the deal in it still counts, in its place
            second = repository.createDeployment().addModelInstance("sales-process.bpmn", SalesModels.shipped()).deploy();

            JsonNode after = get("/api/pipeline?currency=JPY");
            assertThat(keys(after)).containsExactly("MeetingBooked", "DemoHeld", "NeedsAssessed", "ProposalSent",
                    "TermsNegotiated", "ContractSent");
            assertThat(stage(after, "DemoHeld").get("current").asBoolean()).isFalse();
            assertStage(after, "DemoHeld", 1, "10000.00", "1500.00", 0);
        } finally {
            repository.deleteDeployment(first.getId(), true);
            if (second != null) {
                repository.deleteDeployment(second.getId(), true);
            }
        }
    }

    /**
     * A process owner takes a stage out of the model while deals wait in it: they stay in it (their instances run
     * on the version they started with), the pipeline shows it in its place as {@code current: false} with its own
     * probability and idle limit, and they can still move on from it.
     */
    @Test
    void aStageRemovedFromTheModelKeepsItsDealsAndShowsAsNoLongerCurrent() {
        Instant entered = Instant.now().minus(days(12)).truncatedTo(ChronoUnit.SECONDS);
        Deal deal;
        try {
            ClockUtil.setCurrentTime(Date.from(entered.minus(days(2))));
            deal = deals.get(deals.open(TestDeals.opening("sam", "2000", "PLN")));
            tasks.complete(task(deal), Map.of("outcome", "advance"));
            ClockUtil.setCurrentTime(Date.from(entered.minus(days(1))));
            tasks.complete(task(deal), Map.of("outcome", "advance"));
            ClockUtil.setCurrentTime(Date.from(entered));
            tasks.complete(task(deal), Map.of("outcome", "advance"));    // Terms negotiated for 12 days (limit P10D)
        } finally {
            ClockUtil.reset();
        }
        Deployment without = repository.createDeployment()
                .addModelInstance("sales-process.bpmn", SalesModels.withoutStage("TermsNegotiated")).deploy();
        try {
            assertThat(repository.createProcessDefinitionQuery().deploymentId(without.getId()).singleResult()
                    .getKey()).isEqualTo("sales-process");
            JsonNode pipeline = get("/api/pipeline?currency=PLN");
            assertThat(keys(pipeline)).containsExactly("MeetingBooked", "NeedsAssessed", "ProposalSent",
                    "TermsNegotiated", "ContractSent");
            JsonNode removed = stage(pipeline, "TermsNegotiated");
            assertThat(removed.get("current").asBoolean()).isFalse();
            assertThat(removed.get("name").asText()).isEqualTo("Terms negotiated");
            assertThat(removed.get("probability").decimalValue()).isEqualByComparingTo("0.7");
            assertThat(removed.get("idleLimit").asText()).isEqualTo("P10D");
            assertStage(pipeline, "TermsNegotiated", 1, "2000.00", "1400.00", 1);
            assertThat(stage(pipeline, "ContractSent").get("current").asBoolean()).isTrue();
            assertThat(stage(pipeline, "MeetingBooked").get("current").asBoolean()).isTrue();

            // the deal keeps its stage, and the forecast weighs it by that stage's probability
            JsonNode view = api.get("/api/deals/" + deal.getId(), "mia").json();
            assertThat(view.get("stageKey").asText()).isEqualTo("TermsNegotiated");
            assertThat(view.get("stage").asText()).isEqualTo("Terms negotiated");
            JsonNode forecast = get("/api/pipeline/forecast?currency=PLN");
            assertThat(forecast.at("/months/0/weightedValue").decimalValue()).isEqualByComparingTo("1400.00");

            // it moves on from the removed stage along its own version; the stage then leaves the pipeline
            tasks.complete(task(deal), Map.of("outcome", "advance"));
            JsonNode moved = get("/api/pipeline?currency=PLN");
            assertThat(keys(moved)).containsExactly("MeetingBooked", "NeedsAssessed", "ProposalSent", "ContractSent");
            assertStage(moved, "ContractSent", 1, "2000.00", "1800.00", 0);
            assertThat(api.get("/api/deals/" + deal.getId(), "mia").json().get("stageKey").asText())
                    .isEqualTo("ContractSent");
        } finally {
            repository.deleteDeployment(without.getId(), true);
        }
        // the shipped model is the latest again for the other tests
        assertThat(keys(get("/api/pipeline?currency=PLN"))).contains("TermsNegotiated");
    }

    @Test
    void theRunningTotalsFollowEveryChangeOfADeal() {
        Deal deal = deals.get(deals.open(TestDeals.opening("sam", "1000", "DKK")));
        assertStage(get("/api/pipeline?currency=DKK"), "MeetingBooked", 1, "1000.00", "100.00", 0);

        tasks.complete(task(deal), Map.of("outcome", "advance", "monthlyAmount", 1500));
        JsonNode moved = get("/api/pipeline?currency=DKK");
        assertStage(moved, "MeetingBooked", 0, "0.00", "0.00", 0);
        assertStage(moved, "NeedsAssessed", 1, "1500.00", "375.00", 0);

        tasks.complete(task(deal), Map.of("outcome", "lost", "lostReason", "NO_BUDGET"));
        assertThat(get("/api/pipeline?currency=DKK").at("/totals/count").asLong()).isZero();
        assertThat(runningTotalsDifferingFromARecount()).isEmpty();

        // a deal without a value counts as one, adds nothing, and adds its value when a stage form gives it
        Deal unvalued = deals.get(deals.open(TestDeals.opening("sam", null, "DKK")));
        assertStage(get("/api/pipeline?currency=DKK"), "MeetingBooked", 1, "0.00", "0.00", 0);
        assertUnvalued(get("/api/pipeline?currency=DKK"), "MeetingBooked", 1);
        assertThat(runningTotalsDifferingFromARecount()).isEmpty();

        tasks.complete(task(unvalued), Map.of("outcome", "advance"));
        assertUnvalued(get("/api/pipeline?currency=DKK"), "NeedsAssessed", 1);
        tasks.complete(task(unvalued), Map.of("outcome", "advance", "monthlyAmount", 900));
        JsonNode valued = get("/api/pipeline?currency=DKK");
        assertStage(valued, "ProposalSent", 1, "900.00", "450.00", 0);
        assertUnvalued(valued, "ProposalSent", 0);
        assertThat(valued.at("/totals/unvaluedCount").asLong()).isZero();
        assertThat(runningTotalsDifferingFromARecount()).isEmpty();
    }

    @Test
    void aDealWithoutAKnownValueIsCountedButNotWorthZero() {
        Api.Response fromApi = api.post("/api/deals", TestDeals.requestJson("sam")
                .replace("\"monthlyValue\": {\"amount\": 1250.50, \"currency\": \"EUR\"}",
                        "\"monthlyValue\": {\"currency\": \"CZK\"}"), "mia");
        assertThat(fromApi.status()).as(fromApi.body()).isEqualTo(201);
        Deal withoutValue = deals.get(fromApi.json().get("id").asLong());
        deals.open(TestDeals.opening("sam", null, "CZK"));
        deals.open(TestDeals.opening("mia", "800", "CZK"));

        JsonNode pipeline = get("/api/pipeline?currency=CZK");
        assertStage(pipeline, "MeetingBooked", 3, "800.00", "80.00", 0);
        assertUnvalued(pipeline, "MeetingBooked", 2);
        assertUnvalued(pipeline, "NeedsAssessed", 0);
        assertThat(pipeline.at("/totals/count").asLong()).isEqualTo(3);
        assertThat(pipeline.at("/totals/value").decimalValue()).isEqualByComparingTo("800.00");
        assertThat(pipeline.at("/totals/unvaluedCount").asLong()).isEqualTo(2);
        assertUnvalued(get("/api/pipeline?currency=CZK&owner=sam"), "MeetingBooked", 2);
        assertUnvalued(get("/api/pipeline?currency=CZK&owner=mia"), "MeetingBooked", 0);
        assertUnvalued(get("/api/pipeline?currency=CZK&asOf=" + Instant.now()), "MeetingBooked", 2);

        JsonNode noDate = get("/api/pipeline/forecast?currency=CZK").at("/months/0");
        assertThat(noDate.get("month").isNull()).isTrue();
        assertThat(noDate.get("count").asLong()).isEqualTo(3);
        assertThat(noDate.get("value").decimalValue()).isEqualByComparingTo("800.00");
        assertThat(noDate.get("weightedValue").decimalValue()).isEqualByComparingTo("80.00");
        assertThat(noDate.get("unvaluedCount").asLong()).isEqualTo(2);

        // the first stage's form may give the value; the deal then moves on with it
        tasks.complete(task(withoutValue), Map.of("outcome", "advance", "monthlyAmount", 1200));
        JsonNode valued = get("/api/pipeline?currency=CZK");
        assertStage(valued, "MeetingBooked", 2, "800.00", "80.00", 0);
        assertUnvalued(valued, "MeetingBooked", 1);
        assertStage(valued, "NeedsAssessed", 1, "1200.00", "300.00", 0);
        assertThat(valued.at("/totals/unvaluedCount").asLong()).isEqualTo(1);
        assertThat(runningTotalsDifferingFromARecount()).isEmpty();

        // a recount from the deal table arrives at the same figures
        stageTotals.rebuild();
        assertThat(get("/api/pipeline?currency=CZK")).isEqualTo(valued);
        assertThat(runningTotalsDifferingFromARecount()).isEmpty();
    }

    @Test
    void dealsOpenedAtOnceIntoANewStageCurrencyAndOwnerAreAllCounted() throws Exception {
        int concurrent = 8;
        ExecutorService pool = Executors.newFixedThreadPool(concurrent);
        try {
            List<Future<Long>> opened = new ArrayList<>();
            for (int i = 0; i < concurrent; i++) {
                opened.add(pool.submit(() -> deals.open(TestDeals.opening("sam", "100", "NOK"))));
            }
            for (Future<Long> deal : opened) {
                assertThat(deal.get(60, TimeUnit.SECONDS)).isNotNull();
            }
        } finally {
            pool.shutdownNow();
        }
        assertStage(get("/api/pipeline?currency=NOK"), "MeetingBooked", concurrent, "800.00", "80.00", 0);
        assertThat(runningTotalsDifferingFromARecount()).isEmpty();
    }

    /** The rows of stage_total that do not agree with counting the deal table afresh (whole database). */
    private List<Map<String, Object>> runningTotalsDifferingFromARecount() {
        String recount = """
                select stage_key, currency, coalesce(owner, '') as owner, count(*) as deals,
                       coalesce(sum(amount), 0) as total,
                       sum(cast(floor(extract(epoch from stage_entered_at)) as bigint)) as entered_seconds,
                       sum(case when amount is null then 1 else 0 end) as unvalued
                from deal where status = 'OPEN' and stage_key is not null
                group by stage_key, currency, coalesce(owner, '')""";
        String kept = "select stage_key, currency, owner, deals, total, entered_seconds, unvalued from stage_total"
                + " where deals <> 0";
        return jdbc.queryForList("(" + recount + " except " + kept + ") union all (" + kept + " except " + recount + ")");
    }

    @Test
    void badQueriesAreRefusedNamingTheParameter() {
        Api.Response currency = api.get("/api/pipeline?currency=XYZ", "mia");
        assertThat(currency.status()).isEqualTo(400);
        assertThat(currency.json().get("detail").asText()).contains("currency");
        Api.Response asOf = api.get("/api/pipeline?asOf=yesterday", "mia");
        assertThat(asOf.status()).isEqualTo(400);
        assertThat(asOf.json().get("detail").asText()).contains("asOf");
        assertThat(api.get("/api/pipeline/funnel?from=2026-13-01", "mia").status()).isEqualTo(400);
        assertThat(api.get("/api/pipeline", null).status()).isEqualTo(401);
    }

    private Deal open(String owner, String amount, String currency, Instant at) {
        ClockUtil.setCurrentTime(Date.from(at));
        return deals.get(deals.open(TestDeals.opening(owner, amount, currency)));
    }

    /** Completes the deal's current stage {@code after} its opening... measured from t0. */
    private void advance(Deal deal, Duration afterT0, Map<String, Object> answers) {
        ClockUtil.setCurrentTime(Date.from(t0.plus(afterT0)));
        Map<String, Object> variables = new HashMap<>(answers);
        variables.put("outcome", "advance");
        tasks.complete(task(deal), variables);
    }

    private String task(Deal deal) {
        return tasks.createTaskQuery().processInstanceId(deal.getProcessInstanceId()).singleResult().getId();
    }

    private JsonNode get(String path) {
        Api.Response response = api.get(path, "mia");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static Duration days(int days) {
        return Duration.ofDays(days);
    }

    private static List<String> keys(JsonNode pipeline) {
        return pipeline.get("stages").findValuesAsText("key");
    }

    private static JsonNode stage(JsonNode pipeline, String key) {
        for (JsonNode stage : pipeline.get("stages")) {
            if (stage.get("key").asText().equals(key)) {
                return stage;
            }
        }
        throw new AssertionError("No stage " + key + " in " + pipeline);
    }

    private static void assertUnvalued(JsonNode pipeline, String key, long unvalued) {
        assertThat(stage(pipeline, key).get("unvaluedCount").asLong()).as(key + " unvalued").isEqualTo(unvalued);
    }

    private static void assertStage(JsonNode pipeline, String key, long count, String value, String weighted,
                                    long idle) {
        JsonNode stage = stage(pipeline, key);
        assertThat(stage.get("count").asLong()).as(key + " count").isEqualTo(count);
        assertThat(stage.get("value").decimalValue()).as(key + " value").isEqualByComparingTo(value);
        assertThat(stage.get("weightedValue").decimalValue()).as(key + " weighted").isEqualByComparingTo(weighted);
        assertThat(stage.get("idleCount").asLong()).as(key + " idle").isEqualTo(idle);
    }
}
