package io.dealflow.lead;

import static io.dealflow.support.ProcessSteps.fireTimer;
import static io.dealflow.support.ProcessSteps.workEmailTask;
import io.dealflow.support.MailServer;
import io.dealflow.support.OnH2;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMailUtil;
import io.dealflow.support.Api;
import io.dealflow.support.Mailbox;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.dmn.engine.DmnDecisionTableResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** Marketing's half: capture, consent, dedupe, the SQL criteria, every path of the lead process, the hand-off. */
@OnH2
class LeadsTests {

    @RegisterExtension
    static MailServer smtp = new MailServer();

    @LocalServerPort
    int port;
    @Autowired
    ExternalTaskService externalTasks;
    @Autowired
    io.dealflow.followup.FollowUpWorker worker;
    @Autowired
    ProcessEngine engine;
    @Autowired
    RuntimeService runtime;
    @Autowired
    TaskService tasks;
    @Autowired
    ManagementService management;
    @Autowired
    DecisionService decisions;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ImportJob importJob;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        BpmnAwareTests.init(engine);
    }

    @AfterEach
    void realTime() {
        ClockUtil.reset();
    }

    // ------------------------------------------------------------------ the SQL criteria as a decision table

    @Test
    void eachRuleOfTheQualificationTable() {
        assertThat(qualify(true, true, true, "NOW", 5000)).isEqualTo(List.of("SQL", "ENTERPRISE"));
        assertThat(qualify(true, true, true, "NOW", 200)).isEqualTo(List.of("SQL", "MID_MARKET"));
        assertThat(qualify(true, true, true, "NOW", 10)).isEqualTo(List.of("SQL", "SMALL_BUSINESS"));
        assertThat(qualify(true, true, true, "NOW", null)).isEqualTo(List.of("SQL", "SMALL_BUSINESS"));
        assertThat(qualify(true, true, true, "QUARTER", 5000)).isEqualTo(List.of("MQL", "ENTERPRISE"));
        assertThat(qualify(true, true, false, "NOW", 200)).isEqualTo(List.of("MQL", "MID_MARKET"));
        assertThat(qualify(false, false, false, "LATER", 3)).isEqualTo(List.of("MQL", "SMALL_BUSINESS"));
        assertThat(qualify(true, false, true, "NOW", null)).isEqualTo(List.of("MQL", "SMALL_BUSINESS"));
    }

    private List<Object> qualify(boolean budget, boolean authority, boolean need, String timeline, Integer employees) {
        DmnDecisionTableResult result = decisions.evaluateDecisionTableByKey("lead-qualification",
                Variables.putValue("budget", budget).putValue("authority", authority).putValue("need", need)
                        .putValue("timeline", timeline).putValue("employees", employees));
        return List.of(result.getSingleResult().getEntry("outcome"), result.getSingleResult().getEntry("segment"));
    }

    // ------------------------------------------------------------------ capture, consent, dedupe

    @Test
    void aSalesQualifiedLeadWithAMeetingTimeBecomesADealAtStageZero() {
        String email = unique("lee") + "@prospect-" + unique("w") + ".example";
        JsonNode lead = capture(leadJson(email, true, sqlAnswers(), "2026-12-03T10:00:00Z")).json();

        assertThat(lead.get("outcome").asText()).isEqualTo("SQL");
        assertThat(lead.get("contactId").asLong()).isPositive();
        assertThat(lead.get("companyId").asLong()).isPositive();
        long dealId = lead.get("dealId").asLong();
        JsonNode deal = api.get("/api/deals/" + dealId, "sam").json();
        assertThat(deal.get("stageKey").asText()).isEqualTo("MeetingBooked");
        assertThat(deal.at("/contacts/0/email").asText()).isEqualTo(email);
        assertThat(deal.get("meetingAt").asText()).isEqualTo("2026-12-03T10:00:00Z");
        // its value is learned in the meeting: unknown until then, not 0
        assertThat(deal.at("/monthlyValue").has("amount")).isTrue();
        assertThat(deal.at("/monthlyValue/amount").isNull()).as("amount of a deal from a lead").isTrue();
        assertThat(deal.at("/monthlyValue/currency").asText()).isEqualTo("EUR");
        assertThat(jdbc.queryForObject("select decision from hand_off h join lead l on l.id = h.lead_id"
                + " where l.contact_id = ?", String.class, lead.get("contactId").asLong())).isEqualTo("ACCEPTED");
        assertThat(leadStatus(lead)).isEqualTo("CONVERTED");
    }

    @Test
    void aLeadWithoutConsentIsRefusedAndNothingIsStored() {
        long contacts = count("contact");
        long companies = count("company");
        long leads = count("lead");
        long instances = count("ACT_HI_PROCINST");
        String email = unique("nc") + "@noconsent-" + unique("w") + ".example";

        Api.Response noConsent = capture(leadJson(email, false, sqlAnswers(), null));
        Api.Response noWording = capture("""
                {"email": "%s", "company": "X", "consent": {"marketing": true, "source": "webform"}}""".formatted(email));

        assertThat(noConsent.status()).isEqualTo(422);
        assertThat(noConsent.contentType()).startsWith("application/problem+json");
        assertThat(noConsent.json().get("errors").findValuesAsText("field")).containsExactly("consent.marketing");
        assertThat(noWording.status()).isEqualTo(422);
        assertThat(noWording.json().get("errors").findValuesAsText("field")).containsExactly("consent.text");
        assertThat(count("contact")).isEqualTo(contacts);
        assertThat(count("company")).isEqualTo(companies);
        assertThat(count("lead")).isEqualTo(leads);
        assertThat(count("ACT_HI_PROCINST")).isEqualTo(instances);
        assertThat(api.get("/api/contacts?email=" + email, "mark").json()).isEmpty();

        Api.Response badEmail = capture(leadJson("not-an-email", true, sqlAnswers(), null));
        assertThat(badEmail.status()).isEqualTo(400);
        assertThat(badEmail.json().get("errors").findValuesAsText("field")).containsExactly("email");
    }

    @Test
    void theSamePersonInAnyCaseOrSpacingIsOneContactAndOneLead() {
        String domain = "dedupe-" + unique("d") + ".example";
        JsonNode first = capture(leadJson("kim@" + domain, true, mqlAnswers(), null)).json();
        JsonNode again = capture(leadJson("  KIM@" + domain.toUpperCase() + "  ", true, mqlAnswers(), null)).json();

        assertThat(again.get("contactId").asLong()).isEqualTo(first.get("contactId").asLong());
        assertThat(again.get("leadId").asLong()).isEqualTo(first.get("leadId").asLong());
        assertThat(jdbc.queryForObject("select count(*) from contact where email = ?", Long.class, "kim@" + domain))
                .isOne();
        assertThat(jdbc.queryForObject("select submissions from lead where id = ?", Integer.class,
                first.get("leadId").asLong())).isEqualTo(2);
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyAnswersTheFirstCaptureAndEngagesNothing() {
        String email = "retry@" + "retry-" + unique("i") + ".example";
        String body = leadJson(email, true, mqlAnswers(), null);
        String key = "lead-" + unique("k");

        Api.Response first = api.request("POST", "/api/leads", body, "mark", "mark", "Idempotency-Key", key);
        Api.Response again = api.request("POST", "/api/leads", body, "mark", "mark", "Idempotency-Key", key);

        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(again.status()).as(again.body()).isEqualTo(201);
        assertThat(again.json()).isEqualTo(first.json());
        // the retry was no second submission: the lead counts one, and its process was not engaged again
        assertThat(jdbc.queryForObject("select submissions from lead where id = ?", Integer.class,
                first.json().get("leadId").asLong())).isOne();
        Api.Response other = api.request("POST", "/api/leads", leadJson(email, true, sqlAnswers(), null), "mark",
                "mark", "Idempotency-Key", key);
        assertThat(other.status()).isEqualTo(422);
    }

    @Test
    void eightConcurrentSubmissionsOfOnePersonMakeOneContact() throws Exception {
        String email = "rush@" + "rush-" + unique("r") + ".example";
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Api.Response>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(() -> new Api(port).post("/api/leads",
                        leadJson(email, true, mqlAnswers(), null), "mark")));
            }
            for (Future<Api.Response> answer : answers) {
                Api.Response response = answer.get(120, TimeUnit.SECONDS);
                assertThat(response.status()).as(response.body()).isEqualTo(201);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.queryForObject("select count(*) from contact where email = ?", Long.class, email)).isOne();
        Long contactId = jdbc.queryForObject("select id from contact where email = ?", Long.class, email);
        assertThat(jdbc.queryForObject("select count(*) from lead where contact_id = ?", Long.class, contactId)).isOne();
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("lead-process")
                .variableValueEquals("contactId", contactId).count()).isOne();
    }

    @Test
    void theCompanyIsMatchedByItsDomainAndFreeMailNeverMakesOne() {
        String domain = "match-" + unique("m") + ".example";
        long acme = capture(leadJson("a@" + domain, true, mqlAnswers(), null, "Match Inc", "https://www." + domain + "/about"))
                .json().get("companyId").asLong();
        assertThat(capture(leadJson("b@" + domain, true, mqlAnswers(), null, null, null)).json()
                .get("companyId").asLong()).as("by the email's domain").isEqualTo(acme);
        assertThat(capture(leadJson("c@other-" + domain, true, mqlAnswers(), null, null, "HTTP://EU." + domain.toUpperCase()))
                .json().get("companyId").asLong()).as("a subdomain of a known domain").isEqualTo(acme);

        JsonNode freeMail = capture(leadJson(unique("p") + "@gmail.com", true, mqlAnswers(), null, null, null)).json();
        assertThat(freeMail.has("companyId")).as("no company from gmail.com").isFalse();
        assertThat(jdbc.queryForObject("select count(*) from company where domain = 'gmail.com'", Long.class)).isZero();
    }

    // ------------------------------------------------------------------ the lead process, every path

    @Test
    void anSqlWithoutAMeetingGoesToSalesWhoBookIt() {
        String email = unique("s") + "@book-" + unique("b") + ".example";
        JsonNode lead = capture(leadJson(email, true, sqlAnswers(), null)).json();
        assertThat(lead.get("outcome").asText()).isEqualTo("SQL");
        assertThat(lead.has("dealId")).isFalse();
        ProcessInstance process = leadProcess(lead);
        BpmnAwareTests.assertThat(process).isWaitingAt("BookTheMeeting");
        Task task = tasks.createTaskQuery().processInstanceId(process.getId()).singleResult();
        assertThat(tasks.createTaskQuery().taskId(task.getId()).taskCandidateGroup("sales").count()).isOne();
        assertThat(tasks.getVariable(task.getId(), "leadEmail")).isEqualTo(email);
        assertThat(tasks.getVariable(task.getId(), "leadName")).isEqualTo("Lee Prospect");
        // what the task and the later steps read is stored; what only the table and the next tasks read is not
        assertThat(runtime.getVariables(process.getId())).containsKeys("leadId", "contactId", "outcome", "segment")
                .doesNotContainKeys("budget", "authority", "need", "timeline", "employees", "meetingAt", "companyId",
                        "qualification");

        tasks.claim(task.getId(), "sam");
        // as Tasklist's form sends it (form-js, UTC without seconds)
        tasks.complete(task.getId(), Map.of("decision", "accept", "meetingAt", "2026-12-04T09:30Z"));

        BpmnAwareTests.assertThat(process).hasPassed("OpenDealForLead").isEnded();
        Long dealId = jdbc.queryForObject("select h.deal_id from hand_off h where h.lead_id = ?", Long.class,
                lead.get("leadId").asLong());
        JsonNode deal = api.get("/api/deals/" + dealId, "sam").json();
        assertThat(deal.get("owner").asText()).isEqualTo("sam");
        assertThat(deal.get("meetingAt").asText()).isEqualTo("2026-12-04T09:30:00Z");
        assertThat(jdbc.queryForObject("select decided_by from hand_off where lead_id = ?", String.class,
                lead.get("leadId").asLong())).isEqualTo("sam");
    }

    @Test
    void aHandOffNobodyBooksWithinFourHoursIsEscalatedToManagement() throws Exception {
        JsonNode lead = capture(leadJson(unique("e") + "@sla-" + unique("b") + ".example", true, sqlAnswers(), null,
                "Slow Works", null)).json();
        ProcessInstance process = leadProcess(lead);
        Job sla = management.createJobQuery().processInstanceId(process.getId()).activityId("BookingOverdue").singleResult();
        assertThat(sla.getDuedate().toInstant()).isBetween(Instant.now().plus(Duration.ofHours(4)).minusSeconds(60),
                Instant.now().plus(Duration.ofHours(4)).plusSeconds(60));

        management.executeJob(sla.getId());
        workEmailTask(worker, externalTasks, process.getId(), "TellManagementOfMissedHandOff");

        assertThat(smtp.receivedBy("mia@example.com")).filteredOn(m -> subject(m).contains("Slow Works")).singleElement()
                .satisfies(mail -> assertThat(subject(mail)).startsWith("A sales-qualified lead is waiting"));
        BpmnAwareTests.assertThat(process).isWaitingAt("BookTheMeeting");
    }

    @Test
    void salesCanSendALeadBackWithAReasonAndItIsNurtured() {
        JsonNode lead = capture(leadJson(unique("r") + "@reject-" + unique("b") + ".example", true, sqlAnswers(), null)).json();
        ProcessInstance process = leadProcess(lead);
        Task task = tasks.createTaskQuery().processInstanceId(process.getId()).singleResult();
        tasks.claim(task.getId(), "sam");
        tasks.complete(task.getId(), Map.of("decision", "reject", "rejectReason", "NO_BUDGET", "rejectNote", "just looking"));

        BpmnAwareTests.assertThat(process).hasPassed("RecordHandOffRejected").isWaitingAt("NurtureWait1");
        Map<String, Object> handOff = jdbc.queryForMap("select decision, reject_reason, decided_by from hand_off"
                + " where lead_id = ?", lead.get("leadId").asLong());
        assertThat(handOff).containsEntry("DECISION", "REJECTED").containsEntry("REJECT_REASON", "NO_BUDGET")
                .containsEntry("DECIDED_BY", "sam");
        assertThat(leadStatus(lead)).isEqualTo("NURTURING");
    }

    @Test
    void anMqlIsNurturedWithEmailsOnTheModelsTimers() throws Exception {
        String email = unique("n") + "@nurture-" + unique("b") + ".example";
        JsonNode lead = capture(leadJson(email, true, mqlAnswers(), null)).json();
        assertThat(lead.get("outcome").asText()).isEqualTo("MQL");
        assertThat(lead.get("segment").asText()).isEqualTo("MID_MARKET");
        ProcessInstance process = leadProcess(lead);
        BpmnAwareTests.assertThat(process).isWaitingAt("NurtureWait1");

        Instant start = Instant.now();
        fireTimer(management, process.getId(), "NurtureWait1", start.plus(Duration.ofDays(2)).plusSeconds(60));
        workEmailTask(worker, externalTasks, process.getId(), "SendFirstNurtureEmail");
        fireTimer(management, process.getId(), "NurtureWait2", start.plus(Duration.ofDays(9)).plusSeconds(60));
        workEmailTask(worker, externalTasks, process.getId(), "SendSecondNurtureEmail");
        fireTimer(management, process.getId(), "NurtureWait3", start.plus(Duration.ofDays(23)).plusSeconds(60));
        workEmailTask(worker, externalTasks, process.getId(), "SendThirdNurtureEmail");

        List<MimeMessage> received = smtp.receivedBy(email);
        assertThat(received).extracting(LeadsTests::subject).containsExactly(
                "Three ways teams like yours save a day a week", "How one sales team automated 60% of its follow-ups",
                "Shall we keep in touch?");
        assertThat(GreenMailUtil.getBody(received.get(0))).contains("/api/unsubscribe/");
        // the reply the email asks for reaches the sales mailbox the inbox reads (no deal, so no owner)
        for (MimeMessage mail : received) {
            assertThat(mail.getReplyTo()).extracting(Object::toString).containsExactly("sales@example.com");
            assertThat(mail.getMessageID()).matches("<[0-9a-f-]{36}@example\\.com>");
        }
        BpmnAwareTests.assertThat(process).isWaitingAt("EngagedOrUnsubscribed");
    }

    @Test
    void anMqlThatEngagesAgainAsAnSqlIsHandedToSalesOnceWithOneDeal() {
        String email = unique("g") + "@engage-" + unique("b") + ".example";
        JsonNode mql = capture(leadJson(email, true, mqlAnswers(), null)).json();
        ProcessInstance process = leadProcess(mql);
        BpmnAwareTests.assertThat(process).isWaitingAt("NurtureWait1");

        JsonNode sql = capture(leadJson(email, true, sqlAnswers(), "2026-12-07T14:00:00Z")).json();

        assertThat(sql.get("outcome").asText()).isEqualTo("SQL");
        assertThat(sql.get("contactId").asLong()).isEqualTo(mql.get("contactId").asLong());
        BpmnAwareTests.assertThat(process).hasPassed("LeadEngaged", "HandOverToSales", "OpenDealForLead").isEnded();
        long dealId = sql.get("dealId").asLong();

        // comes back once more, still sales-qualified: no second open deal for the same person and company
        JsonNode again = capture(leadJson(email, true, sqlAnswers(), "2026-12-08T14:00:00Z")).json();
        assertThat(again.get("dealId").asLong()).isEqualTo(dealId);
        assertThat(jdbc.queryForObject("select count(*) from deal d join deal_contact dc on dc.deal_id = d.id"
                + " where dc.contact_id = ? and d.status = 'OPEN'", Long.class, sql.get("contactId").asLong())).isOne();
    }

    @Test
    void aReplyQualifiesTheLeadAgainWithWhatItSays() {
        String email = unique("y") + "@reply-" + unique("b") + ".example";
        JsonNode mql = capture(leadJson(email, true, mqlAnswers(), null)).json();
        ProcessInstance process = leadProcess(mql);

        Api.Response reply = api.post("/api/leads/" + mql.get("leadId").asLong() + "/replies",
                "{\"authority\": true, \"timeline\": \"NOW\"}", "mark");

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().get("outcome").asText()).isEqualTo("SQL");
        BpmnAwareTests.assertThat(process).hasPassed("LeadEngaged", "HandOverToSales").isWaitingAt("BookTheMeeting");
        assertThat(api.post("/api/leads/999999999/replies", "{}", "mark").status()).isEqualTo(404);
    }

    @Test
    void unsubscribingEndsNurturing() throws Exception {
        String email = unique("u") + "@unsub-" + unique("b") + ".example";
        JsonNode lead = capture(leadJson(email, true, mqlAnswers(), null)).json();
        ProcessInstance process = leadProcess(lead);
        fireTimer(management, process.getId(), "NurtureWait1", Instant.now().plus(Duration.ofDays(2)).plusSeconds(60));
        workEmailTask(worker, externalTasks, process.getId(), "SendFirstNurtureEmail");
        String link = GreenMailUtil.getBody(smtp.receivedBy(email).get(0))
                .replaceAll("(?s).*(/api/unsubscribe/[A-Za-z0-9_-]+).*", "$1");

        assertThat(api.get(link, null).status()).isEqualTo(200);
        BpmnAwareTests.assertThat(process).as("a GET only shows the page").isNotEnded();
        assertThat(api.post(link, "List-Unsubscribe=One-Click", "application/x-www-form-urlencoded", null).status())
                .isEqualTo(200);

        BpmnAwareTests.assertThat(process).hasPassed("LeadUnsubscribed", "NurturingEnded").isEnded();
        assertThat(leadStatus(lead)).isEqualTo("UNSUBSCRIBED");
    }

    @Test
    void erasingALeadEndsItsNurturingAndLeavesTheEmailNowhere() throws Exception {
        String sqlEmail = unique("x") + "@erase-" + unique("b") + ".example";
        JsonNode sql = capture(leadJson(sqlEmail, true, sqlAnswers(), null)).json();
        ProcessInstance withSales = leadProcess(sql);
        String mqlEmail = unique("z") + "@erase-" + unique("b") + ".example";
        JsonNode mql = capture(leadJson(mqlEmail, true, mqlAnswers(), null)).json();
        ProcessInstance nurtured = leadProcess(mql);
        fireTimer(management, nurtured.getId(), "NurtureWait1", Instant.now().plus(Duration.ofDays(2)).plusSeconds(60));
        workEmailTask(worker, externalTasks, nurtured.getId(), "SendFirstNurtureEmail");

        assertThat(api.delete("/api/contacts/" + sql.get("contactId").asLong(), "mia").status()).isEqualTo(200);
        assertThat(api.delete("/api/contacts/" + mql.get("contactId").asLong(), "mia").status()).isEqualTo(200);

        BpmnAwareTests.assertThat(nurtured).hasPassed("LeadUnsubscribed").isEnded();
        BpmnAwareTests.assertThat(withSales).isWaitingAt("BookTheMeeting");
        for (String email : List.of(sqlEmail, mqlEmail)) {
            for (String table : List.of("contact:email", "follow_up:recipient", "ACT_RU_VARIABLE:TEXT_",
                    "ACT_HI_VARINST:TEXT_", "ACT_HI_DETAIL:TEXT_")) {
                String[] at = table.split(":");
                assertThat(jdbc.queryForObject("select count(*) from " + at[0] + " where lower(" + at[1] + ") like ?",
                        Long.class, "%" + email + "%")).as(email + " in " + table).isZero();
            }
        }
        assertThat(leadStatus(mql)).isEqualTo("UNSUBSCRIBED");
    }

    // ------------------------------------------------------------------ import, form, report

    @Test
    void aCsvImportReportsEachBadRowAndStoresTheGoodOnes() {
        String domain = "import-" + unique("i") + ".example";
        capture(leadJson("known@" + domain, true, mqlAnswers(), null));
        String csv = """
                email,first_name,last_name,company,website,job_title,phone,consent,consent_source,budget,authority,need,timeline,employees
                new1@%1$s,Ada,One,Import Co,%1$s,CTO,,yes,trade fair 2026,true,true,true,NOW,120
                "Known@%1$s",Kay,Known,Import Co,,,,true,webinar,,,,,
                not-an-email,Bad,Email,,,,,true,webinar,,,,,
                new2@%1$s,No,Consent,,,,,no,,,,,,
                new3@%1$s,Bad,Size,,,,,true,webinar,,,,SOON,many
                new4@%1$s,"Doe, Jr.",Four,,,,,true,webinar,no,no,no,LATER,5
                """.formatted(domain);

        JsonNode report = ImportRun.imported(api, importJob, "?consentText=I+agree+to+receive+emails", csv, "mark");

        assertThat(report.get("created").asInt()).isEqualTo(2);
        assertThat(report.get("updated").asInt()).isEqualTo(1);
        assertThat(report.get("rejected").asInt()).isEqualTo(3);
        List<String> rejected = new ArrayList<>();
        report.get("rejectedRows").forEach(r -> rejected.add(r.get("line").asInt() + ":" + r.get("field").asText()));
        assertThat(rejected).containsExactly("4:email", "5:consent", "6:employees");
        assertThat(api.get("/api/contacts?email=new4@" + domain, "mark").json().get(0).get("firstName").asText())
                .isEqualTo("Doe, Jr.");
        assertThat(api.get("/api/contacts?email=new2@" + domain, "mark").json()).isEmpty();
    }

    @Test
    void thePublicLeadFormWorksWithoutLoginOrJavaScript() {
        Api.Response page = api.get("/lead-form", null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<form method=\"post\" action=\"/lead-form\">", "name=\"consent\"",
                "I agree that you may email me").doesNotContain("<script");

        String email = unique("f") + "@form-" + unique("b") + ".example";
        long contacts = count("contact");
        Api.Response refused = api.post("/lead-form", "email=" + email + "&company=Form+Co", "application/x-www-form-urlencoded", null);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("we can only write to you with your consent");
        assertThat(count("contact")).isEqualTo(contacts);

        Api.Response thanks = api.post("/lead-form", "email=" + email + "&firstName=Fay&company=Form+Co&consent=true"
                + "&budget=true&authority=true&need=true&timeline=NOW&employees=40", "application/x-www-form-urlencoded", null);
        assertThat(thanks.status()).isEqualTo(200);
        assertThat(thanks.body()).contains("Thank you");
        JsonNode contact = api.get("/api/contacts?email=" + email, "mark").json().get(0);
        assertThat(contact.at("/consent/marketing").asBoolean()).isTrue();
        assertThat(contact.at("/consent/source").asText()).isEqualTo("lead-form");
        assertThat(contact.at("/consent/text").asText()).startsWith("I agree that you may email me");
    }

    @Test
    void theHandOffReportOnKnownData() {
        // a week of its own, long past: 2020-W10 (Monday 2 March 2020)
        Instant monday = Instant.parse("2020-03-02T09:00:00Z");
        ClockUtil.setCurrentTime(Date.from(monday));
        capture(leadJson(unique("h1") + "@ho-" + unique("b") + ".example", true, sqlAnswers(), "2020-03-05T10:00:00Z"));
        JsonNode slow = capture(leadJson(unique("h2") + "@ho-" + unique("b") + ".example", true, sqlAnswers(), null)).json();
        JsonNode rejected = capture(leadJson(unique("h3") + "@ho-" + unique("b") + ".example", true, sqlAnswers(), null)).json();
        JsonNode pending = capture(leadJson(unique("h4") + "@ho-" + unique("b") + ".example", true, sqlAnswers(), null)).json();
        capture(leadJson(unique("h5") + "@ho-" + unique("b") + ".example", true, mqlAnswers(), null));

        ClockUtil.setCurrentTime(Date.from(monday.plus(Duration.ofHours(6))));
        decide(slow, Map.of("decision", "accept", "meetingAt", "2020-03-06T10:00:00Z"));
        decide(rejected, Map.of("decision", "reject", "rejectReason", "NO_AUTHORITY"));
        assertThat(pending.get("outcome").asText()).isEqualTo("SQL");
        ClockUtil.reset();

        JsonNode report = api.get("/api/handoff?from=2020-03-02&to=2020-03-08", "mia").json();

        assertThat(report.get("weeks")).singleElement().satisfies(week -> {
            assertThat(week.get("week").asText()).isEqualTo("2020-W10");
            JsonNode figures = week.get("figures");
            assertThat(figures.get("handedOver").asInt()).isEqualTo(4);
            assertThat(figures.get("accepted").asInt()).isEqualTo(2);
            assertThat(figures.get("rejected").asInt()).isEqualTo(1);
            assertThat(figures.get("pending").asInt()).isEqualTo(1);
            assertThat(figures.at("/rejectedReasons/0/reason").asText()).isEqualTo("NO_AUTHORITY");
            assertThat(figures.at("/rejectedReasons/0/count").asInt()).isEqualTo(1);
            // the one with a meeting reached its first stage at once, the other 6 hours later: median 3 hours
            assertThat(figures.get("medianHoursToFirstStage").decimalValue()).isEqualByComparingTo("3.0");
        });
        assertThat(api.get("/api/handoff?from=2020-03-09&to=2020-03-01", "mia").status()).isEqualTo(400);
        assertThat(api.get("/api/handoff", null).status()).isEqualTo(401);
    }

    // ------------------------------------------------------------------ helpers

    private void decide(JsonNode lead, Map<String, Object> answers) {
        Task task = tasks.createTaskQuery().processInstanceId(leadProcess(lead).getId()).singleResult();
        tasks.claim(task.getId(), "sam");
        tasks.complete(task.getId(), answers);
    }

    private Api.Response capture(String json) {
        return api.post("/api/leads", json, "mark");
    }

    private ProcessInstance leadProcess(JsonNode lead) {
        String id = jdbc.queryForObject("select process_instance_id from lead where id = ?", String.class,
                lead.get("leadId").asLong());
        ProcessInstance running = runtime.createProcessInstanceQuery().processInstanceId(id).singleResult();
        assertThat(running).as("the lead process of lead " + lead.get("leadId")).isNotNull();
        return running;
    }

    private String leadStatus(JsonNode lead) {
        return jdbc.queryForObject("select status from lead where id = ?", String.class, lead.get("leadId").asLong());
    }

    private long count(String table) {
        return jdbc.queryForObject("select count(*) from " + table, Long.class);
    }

    private static String subject(MimeMessage mail) {
        return Mailbox.subject(mail);
    }

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String sqlAnswers() {
        return "{\"budget\": true, \"authority\": true, \"need\": true, \"timeline\": \"NOW\", \"employees\": 250}";
    }

    private static String mqlAnswers() {
        return "{\"budget\": true, \"authority\": false, \"need\": true, \"timeline\": \"QUARTER\", \"employees\": 250}";
    }

    static String leadJson(String email, boolean consent, String answers, String meetingAt) {
        return leadJson(email, consent, answers, meetingAt, "Prospect Works", null);
    }

    static String leadJson(String email, boolean consent, String answers, String meetingAt, String company,
                           String website) {
        return """
                {"email": "%s", "firstName": "Lee", "lastName": "Prospect", %s %s
                 "jobTitle": "Head of Operations", "phone": "+40 21 000 0000",
                 "consent": {"marketing": %s, "source": "webform", "text": "I agree to receive emails"},
                 "answers": %s %s}""".formatted(email,
                company == null ? "" : "\"company\": \"" + company + "\",",
                website == null ? "" : "\"website\": \"" + website + "\",",
                consent, answers, meetingAt == null ? "" : ", \"meetingAt\": \"" + meetingAt + "\"");
    }
}
