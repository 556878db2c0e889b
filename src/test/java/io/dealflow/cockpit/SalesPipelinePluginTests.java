package io.dealflow.cockpit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealflow.contact.ContactDetails;
import io.dealflow.deal.ContactRole;
import io.dealflow.deal.Deal;
import io.dealflow.deal.DealOpening;
import io.dealflow.deal.DealService;
import io.dealflow.deal.MonthlyValue;
import io.dealflow.support.Api;
import io.dealflow.support.Browser;
import io.dealflow.support.OnH2;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.NumberFormat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The Cockpit "Sales pipeline" plugin in a real browser: {@code src/test/e2e/sales-pipeline.mjs} (Node,
 * playwright-core, Debian's /usr/bin/chromium) logs in to Cockpit as mia and reads what the plugin shows; this
 * class opens known deals first and compares every number the page shows with GET /api/pipeline (and /funnel)
 * asked right before, and that the dashboard opens with it. Other test classes share the database, so the
 * expectations are never hard-coded totals:
 * they are the API's answer, plus the difference our own deals make.
 *
 * <p>Needs node, /usr/bin/chromium and node_modules/playwright-core ({@code npm ci}); without them the class is
 * skipped, except on CI ({@code CI=true}), where it fails.
 */
@OnH2
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SalesPipelinePluginTests {


    private static final String CLICKED_STAGE = "MeetingBooked";
    /**
     * The filter the browser sets: an owner and a currency no other test class uses together. The owner gets the
     * deals' tasks (assignee = owner), so not mark: marketing must have no sales task (TasklistAsSamTests).
     */
    private static final String FILTER_OWNER = "mia";
    private static final String FILTER_CURRENCY = "SEK";
    private static final String BASE_CURRENCY = "EUR";
    /** A company name that would run script if the plugin built its HTML from data. */
    private static final String SCRIPT_NAME = "<img src=x onerror=alert(1)>";

    @LocalServerPort
    int port;
    @Autowired
    DealService deals;
    @Autowired
    TaskService tasks;

    private Api api;
    /** GET /api/pipeline before our deals were opened, and right before the browser ran. */
    private JsonNode before;
    private JsonNode beforeFiltered;
    private JsonNode expected;
    private JsonNode expectedFiltered;
    private JsonNode expectedFunnel;
    private JsonNode expectedFilteredFunnel;
    private JsonNode expectedForecast;
    /** Our deals, by what they are for. */
    private Deal scriptCompany;
    private Deal filteredMeeting;
    private Deal withoutValue;
    /** What the browser saw (the script's JSON), and its log. */
    private JsonNode page;
    private String browserLog;
    /** Why the browser cannot run here, or null. */
    private String missing;

    @BeforeAll
    void openDealsAndLookAtCockpit() throws Exception {
        missing = Browser.missingPrerequisites();
        if (missing != null && Browser.mustRun()) {
            fail(missing + " (CI=true: not skipped)");
        }
        if (missing != null) {
            return; // each test is skipped, with the reason, in browserAvailable()
        }
        api = new Api(port);
        before = pipeline("");
        beforeFiltered = pipeline("?owner=" + FILTER_OWNER + "&currency=" + FILTER_CURRENCY);

        scriptCompany = open(SCRIPT_NAME, "sam", "1111.11", BASE_CURRENCY, 0);   // Meeting booked
        open(null, "sam", "2222.22", BASE_CURRENCY, 1);                          // Needs assessed
        withoutValue = open(null, "sam", null, BASE_CURRENCY, 0);                // Meeting booked, no value yet
        filteredMeeting = open(null, FILTER_OWNER, "700.25", FILTER_CURRENCY, 0); // Meeting booked
        open(null, FILTER_OWNER, "1300.00", FILTER_CURRENCY, 1);                  // Needs assessed
        open(null, FILTER_OWNER, "450.00", FILTER_CURRENCY, 2);                   // Proposal sent

        expected = pipeline("");
        expectedFiltered = pipeline("?owner=" + FILTER_OWNER + "&currency=" + FILTER_CURRENCY);
        expectedFunnel = get("/api/pipeline/funnel");
        expectedFilteredFunnel = get("/api/pipeline/funnel?owner=" + FILTER_OWNER);
        expectedForecast = get("/api/pipeline/forecast");
        runBrowser();
    }

    /** Skipped without node, chromium or playwright-core, unless on CI (there @BeforeAll fails instead). */
    @BeforeEach
    void browserAvailable() {
        Assumptions.assumeTrue(missing == null, () -> missing + "; skipped (with CI=true this fails)");
    }

    // ---- the run itself --------------------------------------------------------------------------------

    @Test
    void theBrowserGetsThroughWithoutScriptDialogsOrFailedRequests() {
        JsonNode seen = page();
        assertThat(seen.path("dialogs")).as("alert/confirm dialogs (script run from data?)").isEmpty();
        assertThat(seen.path("pageErrors")).as("uncaught errors in the page").isEmpty();
        List<String> failed = new ArrayList<>();
        for (JsonNode response : seen.path("failedResponses")) {
            // before login Cockpit asks who is logged in and gets 404: that one is expected
            if (!response.path("url").asText().endsWith("/camunda/api/admin/auth/user/default")) {
                failed.add(response.toString());
            }
        }
        assertThat(failed).as("failed API or plugin requests").isEmpty();
        assertThat(Files.exists(Browser.OUTPUT.resolve("dashboard.png"))).as("dashboard screenshot").isTrue();
    }

    // ---- dashboard -------------------------------------------------------------------------------------

    @Test
    void theDashboardOpensWithTheSalesPipelineUnderItsOwnHeading() {
        List<JsonNode> sections = list(page().path("sections"));
        List<String> headings = sections.stream().map(section -> section.path("heading").asText()).toList();
        assertThat(headings).as("dashboard sections, top to bottom").startsWith("Sales pipeline", "Right Now")
                .doesNotContain("Custom Plugins");
        assertThat(sections.get(0).path("hasPipeline").asBoolean()).as("the pipeline is in the first section").isTrue();
        assertThat(sections.get(0).path("top").asInt()).as("seen without scrolling at 1400x900").isLessThan(300);
    }

    @Test
    void theForecastShowsTheMonthsOfTheApiAndLabelsTheDealsWithoutADecisionDate() {
        JsonNode shown = page().path("forecast");
        List<JsonNode> months = list(expectedForecast.path("months"));
        List<JsonNode> rows = list(shown.path("months"));
        assertThat(rows).extracting(row -> row.path("month").asText())
                .containsExactlyElementsOf(months.stream().map(month -> month.path("month").asText("")).toList());
        for (int i = 0; i < months.size(); i++) {
            assertThat(rows.get(i).path("count").asLong()).isEqualTo(months.get(i).path("count").asLong());
            assertThat(decimal(rows.get(i).path("value"))).isEqualByComparingTo(decimal(months.get(i).path("value")));
            assertThat(rows.get(i).path("unvaluedCount").asLong())
                    .isEqualTo(months.get(i).path("unvaluedCount").asLong());
        }
        // our EUR deals have no expected decision date: the last bucket, labelled so, holds the one without a value
        JsonNode noDate = rows.get(rows.size() - 1);
        assertThat(noDate.path("month").asText()).isEmpty();
        assertThat(noDate.path("label").asText()).isEqualTo("No decision date yet");
        assertThat(noDate.path("unvaluedText").asText()).endsWith(" without a value");
        rows.subList(0, rows.size() - 1)
                .forEach(row -> assertThat(row.path("label").asText()).matches("[A-Z][a-z]+ \\d{4}"));
    }

    @Test
    void theDashboardShowsThePipelineOfTheApiStageByStage() {
        JsonNode board = page().path("dashboard");
        assertThat(board.path("title").asText()).isEqualTo("Sales pipeline");
        assertThat(board.path("currency").asText()).isEqualTo(BASE_CURRENCY);
        assertThat(board.path("owner").asText()).isEmpty();
        assertBoardShows(board, expected);

        // the columns stand side by side, in model order
        List<JsonNode> columns = list(board.path("stages"));
        for (int i = 1; i < columns.size(); i++) {
            assertThat(columns.get(i).path("left").asInt()).as("column %d is right of column %d", i, i - 1)
                    .isGreaterThan(columns.get(i - 1).path("left").asInt());
            assertThat(columns.get(i).path("top").asInt()).isEqualTo(columns.get(0).path("top").asInt());
        }
    }

    @Test
    void ourDealsShowInTheirStages() {
        JsonNode board = page().path("dashboard");
        assertGrewBy(board, before, "MeetingBooked", 2, "1111.11");
        JsonNode meeting = list(board.path("stages")).stream()
                .filter(stage -> stage.path("key").asText().equals("MeetingBooked")).findFirst().orElseThrow();
        assertThat(meeting.path("unvaluedCount").asLong()).as("deals without a value in Meeting booked")
                .isEqualTo(stage(before, "MeetingBooked").path("unvaluedCount").asLong() + 1);
        assertGrewBy(board, before, "NeedsAssessed", 1, "2222.22");
        assertThat(decimal(board.path("totals").path("value")))
                .isEqualByComparingTo(decimal(before.path("totals").path("value")).add(new BigDecimal("3333.33")));

        JsonNode filtered = page().path("filtered");
        assertGrewBy(filtered, beforeFiltered, "MeetingBooked", 1, "700.25");
        assertGrewBy(filtered, beforeFiltered, "NeedsAssessed", 1, "1300.00");
        assertGrewBy(filtered, beforeFiltered, "ProposalSent", 1, "450.00");
    }

    @Test
    void theFunnelShowsTheFunnelOfTheApi() {
        assertFunnelShows(page().path("funnel"), expectedFunnel);
    }

    // ---- click-through ---------------------------------------------------------------------------------

    @Test
    void clickingAStageListsItsDealsLinkedToTheirProcessInstances() {
        JsonNode list = page().path("deals");
        assertThat(list.path("stageKey").asText()).isEqualTo(CLICKED_STAGE);
        List<JsonNode> rows = list(list.path("rows"));
        // the list is the stage's deals in the selected currency: as many as the column counts
        assertThat(rows).as("deals listed for %s", CLICKED_STAGE)
                .hasSize(stage(expected, CLICKED_STAGE).path("count").asInt());

        JsonNode ours = row(rows, scriptCompany).orElseThrow(() ->
                new AssertionError(scriptCompany.getReference() + " is not listed: " + rows));
        assertThat(ours.path("linkText").asText()).isEqualTo(scriptCompany.getReference());
        assertThat(ours.path("href").asText())
                .isEqualTo("#/process-instance/" + scriptCompany.getProcessInstanceId() + "/runtime");
        assertThat(ours.path("owner").asText()).as("the owner by name").isEqualTo("Sam Seller");
        assertThat(ours.path("value").asText()).isEqualTo("1,111.11 EUR");
        JsonNode unvalued = row(rows, withoutValue).orElseThrow(() ->
                new AssertionError(withoutValue.getReference() + " (no value, EUR) is not listed: " + rows));
        assertThat(unvalued.path("value").asText()).isEqualTo("Not known yet (EUR)");
        for (JsonNode row : rows) {
            assertThat(row.path("href").asText())
                    .isEqualTo("#/process-instance/" + row.path("processInstanceId").asText() + "/runtime");
        }
        // another of our deals waits in the same stage, in another currency: not listed under EUR
        assertThat(row(rows, filteredMeeting)).as("a SEK deal listed under EUR").isEmpty();

        // and the link leads to the instance in Cockpit
        JsonNode followed = page().path("dealLink");
        assertThat(followed.path("url").asText())
                .contains("#/process-instance/" + followed.path("processInstanceId").asText() + "/runtime");
    }

    @Test
    void namesFromTheDataAreShownAsTextNeverAsMarkup() {
        JsonNode ours = row(list(page().path("deals").path("rows")), scriptCompany).orElseThrow();
        assertThat(ours.path("company").asText()).isEqualTo(SCRIPT_NAME);
        assertThat(ours.path("companyHtml").asText()).isEqualTo("&lt;img src=x onerror=alert(1)&gt;");
        assertThat(ours.path("companyChildElements").asInt()).isZero();
        assertThat(page().path("deals").path("images").asInt()).as("<img> elements in the deal list").isZero();
        assertThat(page().path("dashboard").path("images").asInt()).as("<img> elements in the plugin").isZero();
        assertThat(page().path("dialogs")).isEmpty();
    }

    // ---- filters ---------------------------------------------------------------------------------------

    @Test
    void theOwnerAndCurrencyFiltersReloadTheNumbers() {
        JsonNode filtered = page().path("filtered");
        assertThat(filtered.path("owner").asText()).isEqualTo(FILTER_OWNER);
        assertThat(filtered.path("currency").asText()).isEqualTo(FILTER_CURRENCY);
        assertThat(filtered.path("currencyField").asText()).isEqualTo(FILTER_CURRENCY);
        assertThat(filtered.path("ownerField").asText()).isEqualTo(FILTER_OWNER);
        // the owners come from the users mia may read (a free-text field only when she may not)
        assertThat(filtered.path("ownerFieldType").asText()).isEqualTo("select");
        assertThat(filtered.path("ownerOptions")).extracting(JsonNode::asText).contains("", "sam", "mia", "mark");
        assertBoardShows(filtered, expectedFiltered);
        assertFunnelShows(page().path("filteredFunnel"), expectedFilteredFunnel);
        assertThat(page().path("filteredFunnel").path("owner").asText()).isEqualTo(FILTER_OWNER);
    }

    // ---- process definition tab ------------------------------------------------------------------------

    @Test
    void theSalesProcessDefinitionPageHasTheSameNumbersInATab() {
        JsonNode tab = page().path("tab");
        assertThat(tab.path("processDefinitionId").asText()).startsWith("sales-process:");
        assertThat(tab.path("url").asText()).contains("#/process-definition/" + tab.path("processDefinitionId").asText());
        assertThat(tab.path("title").asText()).isEqualTo("Sales pipeline");
        assertThat(tab.path("currency").asText()).isEqualTo(BASE_CURRENCY);
        assertBoardShows(tab, expected);
    }

    // ---- what the plugin relies on -------------------------------------------------------------------

    /**
     * The plugin reads /api/pipeline with the Cockpit session while Cockpit makes its own calls with it. If a read
     * changed the session id (session fixation protection treating the session login as a new login), Cockpit's
     * calls under way would get 401 and Cockpit would log the user out.
     */
    @Test
    void readingTheApiWithTheCockpitSessionKeepsTheSession() throws Exception {
        CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).build();
        String base = "http://localhost:" + port;
        String token = http.send(HttpRequest.newBuilder(URI.create(base + "/camunda/api/engine/engine/")).build(),
                HttpResponse.BodyHandlers.discarding()).headers().firstValue("X-XSRF-TOKEN").orElseThrow();
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(
                        URI.create(base + "/camunda/api/admin/auth/user/default/login/cockpit"))
                .header("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8")
                .header("X-XSRF-TOKEN", token)
                .POST(HttpRequest.BodyPublishers.ofString("username=" + URLEncoder.encode("mia", StandardCharsets.UTF_8)
                        + "&password=mia")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        String session = sessionId(cookies);

        HttpResponse<String> read = http.send(HttpRequest.newBuilder(URI.create(base + "/api/pipeline"))
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        assertThat(read.headers().allValues("Set-Cookie"))
                .as("GET /api/pipeline with the Cockpit session must not hand out a new session id "
                        + "(main code: the /api security chain needs sessionFixation none)")
                .noneMatch(cookie -> cookie.startsWith("JSESSIONID="));
        assertThat(sessionId(cookies)).isEqualTo(session);
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    private void runBrowser() throws IOException, InterruptedException {
        Browser.Run run = Browser.run("sales-pipeline.mjs", "http://localhost:" + port, "sales-pipeline", Map.of(
                "E2E_USER", "mia",
                "E2E_STAGE", CLICKED_STAGE,
                "E2E_OWNER", FILTER_OWNER,
                "E2E_CURRENCY", FILTER_CURRENCY));
        page = run.result();
        browserLog = run.tail();
    }

    /** What the browser saw; fails every test with the script's own account when the run did not get through. */
    private JsonNode page() {
        if (page == null || !page.path("ok").asBoolean()) {
            String why = page == null ? "no result written"
                    : "failed in step \"" + page.path("step").asText() + "\": " + page.path("error").asText()
                    + "\nfailed requests: " + page.path("failedResponses");
            fail("The browser run (src/test/e2e/sales-pipeline.mjs) did not get through: " + why
                    + "\nscreenshots and log in " + Browser.OUTPUT.toAbsolutePath() + "\n" + browserLog);
        }
        return page;
    }

    private void assertBoardShows(JsonNode board, JsonNode pipeline) {
        String currency = pipeline.path("currency").asText();
        assertThat(board.path("currency").asText()).isEqualTo(currency);
        assertThat(list(board.path("stages"))).extracting(stage -> stage.path("key").asText())
                .as("stages in model order").containsExactlyElementsOf(keys(pipeline));
        for (JsonNode shown : board.path("stages")) {
            String key = shown.path("key").asText();
            JsonNode stage = stage(pipeline, key);
            long count = stage.path("count").asLong();
            long idle = stage.path("idleCount").asLong();
            assertThat(shown.path("name").asText()).as(key + " name").isEqualTo(stage.path("name").asText());
            assertThat(shown.path("count").asLong()).as(key + " count").isEqualTo(count);
            assertThat(shown.path("countText").asText()).as(key + " count shown").isEqualTo(integer(count));
            assertThat(decimal(shown.path("value"))).as(key + " value").isEqualByComparingTo(decimal(stage.path("value")));
            assertThat(shown.path("valueText").asText()).as(key + " value shown")
                    .contains(money(decimal(stage.path("value"))));
            assertThat(decimal(shown.path("weightedValue"))).as(key + " weighted value")
                    .isEqualByComparingTo(decimal(stage.path("weightedValue")));
            assertThat(shown.path("weightedText").asText()).as(key + " weighted value shown")
                    .contains(money(decimal(stage.path("weightedValue"))));
            assertThat(decimal(shown.path("probability"))).as(key + " probability")
                    .isEqualByComparingTo(decimal(stage.path("probability")));
            assertThat(shown.path("idleCount").asLong()).as(key + " idle").isEqualTo(idle);
            if (idle > 0) {
                assertThat(shown.path("idleBadge").asText()).as(key + " idle badge").isEqualTo(integer(idle) + " idle");
            } else {
                assertThat(shown.path("idleBadge").isNull()).as(key + " has no idle badge").isTrue();
            }
            long unvalued = stage.path("unvaluedCount").asLong();
            assertThat(shown.path("unvaluedCount").asLong()).as(key + " without a value").isEqualTo(unvalued);
            if (unvalued > 0) {
                assertThat(shown.path("unvaluedText").asText()).isEqualTo(integer(unvalued) + " without a value");
            } else {
                assertThat(shown.path("unvaluedText").isNull()).as(key + " says nothing of values").isTrue();
            }
        }
        JsonNode totals = pipeline.path("totals");
        JsonNode shownTotals = board.path("totals");
        assertThat(shownTotals.path("count").asLong()).as("total count").isEqualTo(totals.path("count").asLong());
        assertThat(decimal(shownTotals.path("value"))).as("total value")
                .isEqualByComparingTo(decimal(totals.path("value")));
        assertThat(decimal(shownTotals.path("weightedValue"))).as("total weighted value")
                .isEqualByComparingTo(decimal(totals.path("weightedValue")));
        assertThat(shownTotals.path("idleCount").asLong()).as("total idle").isEqualTo(totals.path("idleCount").asLong());
        long unvalued = totals.path("unvaluedCount").asLong();
        assertThat(shownTotals.path("unvaluedCount").asLong()).as("total without a value").isEqualTo(unvalued);
        if (unvalued > 0) {
            assertThat(shownTotals.path("unvaluedText").asText()).isEqualTo(integer(unvalued) + " without a value");
        }
        assertThat(shownTotals.path("text").asText()).as("totals line")
                .contains(integer(totals.path("count").asLong()) + " open deal")
                .contains(money(decimal(totals.path("value"))))
                .contains(money(decimal(totals.path("weightedValue"))));
    }

    private void assertFunnelShows(JsonNode shown, JsonNode funnel) {
        assertThat(shown.path("chart").asBoolean()).as("an SVG chart").isTrue();
        for (String field : List.of("opened", "won", "lost")) {
            assertThat(shown.path(field).asLong()).as(field).isEqualTo(funnel.path(field).asLong());
        }
        assertThat(shown.path("from").asText()).isEqualTo(funnel.path("from").asText());
        assertThat(shown.path("to").asText()).isEqualTo(funnel.path("to").asText());

        List<JsonNode> bars = list(shown.path("bars"));
        List<JsonNode> stages = list(funnel.path("stages"));
        assertThat(bars).as("one bar per stage and one for the deals won").hasSize(stages.size() + 1);
        for (int i = 0; i < stages.size(); i++) {
            JsonNode bar = bars.get(i);
            JsonNode stage = stages.get(i);
            String key = stage.path("key").asText();
            assertThat(bar.path("key").asText()).isEqualTo(key);
            assertThat(bar.path("reached").asLong()).as(key + " reached").isEqualTo(stage.path("reached").asLong());
            assertThat(bar.path("reachedText").asText()).isEqualTo(integer(stage.path("reached").asLong()));
            if (stage.path("conversion").isNull() || stage.path("conversion").isMissingNode()) {
                assertThat(bar.path("conversion").isNull()).as(key + " has no conversion").isTrue();
            } else {
                assertThat(decimal(bar.path("conversion"))).as(key + " conversion")
                        .isEqualByComparingTo(decimal(stage.path("conversion")));
                assertThat(bar.path("conversionText").asText()).as(key + " conversion shown")
                        .contains(percent(decimal(stage.path("conversion"))));
            }
        }
        JsonNode won = bars.get(bars.size() - 1);
        assertThat(won.path("label").asText()).isEqualTo("Won");
        assertThat(won.path("reached").asLong()).isEqualTo(funnel.path("won").asLong());

        JsonNode winRate = funnel.path("winRate");
        assertThat(shown.path("winRateText").asText()).as("win rate shown")
                .isEqualTo(winRate.isNull() || winRate.isMissingNode() ? "–" : percent(decimal(winRate)));
        JsonNode median = funnel.path("medianDaysToWin");
        assertThat(shown.path("medianDaysText").asText()).as("median days to win shown")
                .isEqualTo(median.isNull() || median.isMissingNode() ? "–" : oneDecimal(decimal(median)));
        assertThat(list(shown.path("lostReasons"))).as("lost reasons, most frequent first")
                .extracting(reason -> reason.path("reason").asText() + "=" + reason.path("count").asLong())
                .containsExactlyElementsOf(list(funnel.path("lostReasons")).stream()
                        .map(reason -> reason.path("reason").asText() + "=" + reason.path("count").asLong()).toList());
    }

    private void assertGrewBy(JsonNode board, JsonNode old, String key, int deals, String amount) {
        JsonNode shown = list(board.path("stages")).stream().filter(stage -> stage.path("key").asText().equals(key))
                .findFirst().orElseThrow(() -> new AssertionError("no column " + key + " on the page"));
        JsonNode was = stage(old, key);
        assertThat(shown.path("count").asLong()).as(key + " count with our deals")
                .isEqualTo(was.path("count").asLong() + deals);
        assertThat(decimal(shown.path("value"))).as(key + " value with our deals")
                .isEqualByComparingTo(decimal(was.path("value")).add(new BigDecimal(amount)));
    }

    /** Opens a deal (with the given company name, or a fresh one) and moves it on {@code advance} stages. */
    private Deal open(String companyName, String owner, String amount, String currency, int advance) {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String domain = "pipeline-" + unique + ".example";
        Long id = deals.open(new DealOpening("Cockpit deal " + unique,
                companyName != null ? companyName : "Pipeline " + unique, domain,
                List.of(new DealOpening.Participant(
                        new ContactDetails("buyer@" + domain, "Dana", "Buyer", null, null, null),
                        ContactRole.DECISION_MAKER)),
                amount == null ? MonthlyValue.unknown(currency) : new MonthlyValue(new BigDecimal(amount), currency),
                owner, Instant.parse("2026-12-03T10:00:00Z")));
        Deal deal = deals.get(id);
        for (int i = 0; i < advance; i++) {
            String task = tasks.createTaskQuery().processInstanceId(deal.getProcessInstanceId()).singleResult().getId();
            tasks.complete(task, Map.of("outcome", "advance"));
        }
        return deals.get(id);
    }

    private JsonNode pipeline(String query) {
        return get("/api/pipeline" + query);
    }

    private JsonNode get(String path) {
        Api.Response response = api.get(path, "mia");
        assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(200);
        return response.json();
    }

    private static Optional<JsonNode> row(List<JsonNode> rows, Deal deal) {
        return rows.stream().filter(row -> row.path("businessKey").asText().equals(deal.getReference())).findFirst();
    }

    private static JsonNode stage(JsonNode pipeline, String key) {
        return list(pipeline.path("stages")).stream().filter(stage -> stage.path("key").asText().equals(key))
                .findFirst().orElseThrow(() -> new AssertionError("no stage " + key + " in " + pipeline));
    }

    private static List<String> keys(JsonNode pipeline) {
        return list(pipeline.path("stages")).stream().map(stage -> stage.path("key").asText()).toList();
    }

    private static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    /** Numbers come as JSON numbers from the API and as data-* attribute strings from the page. */
    private static BigDecimal decimal(JsonNode node) {
        return node.isNumber() ? node.decimalValue() : new BigDecimal(node.asText());
    }

    // what the plugin shows in the browser's locale, en-US in the script

    private static String integer(long value) {
        return NumberFormat.getIntegerInstance(Locale.US).format(value);
    }

    private static String money(BigDecimal value) {
        DecimalFormat format = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.US));
        format.setRoundingMode(RoundingMode.HALF_UP);
        return format.format(value);
    }

    private static String oneDecimal(BigDecimal value) {
        DecimalFormat format = new DecimalFormat("#,##0.0", DecimalFormatSymbols.getInstance(Locale.US));
        format.setRoundingMode(RoundingMode.HALF_UP);
        return format.format(value);
    }

    private static String percent(BigDecimal ratio) {
        DecimalFormat format = new DecimalFormat("#,##0.#", DecimalFormatSymbols.getInstance(Locale.US));
        format.setRoundingMode(RoundingMode.HALF_UP);
        return format.format(ratio.movePointRight(2)) + "%";
    }

    private static String sessionId(CookieManager cookies) {
        return cookies.getCookieStore().getCookies().stream().filter(cookie -> cookie.getName().equals("JSESSIONID"))
                .map(HttpCookie::getValue).findFirst().orElse(null);
    }
}
