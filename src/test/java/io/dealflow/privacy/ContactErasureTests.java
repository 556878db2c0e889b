package io.dealflow.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealflow.followup.FollowUp;
import io.dealflow.followup.FollowUpKind;
import io.dealflow.followup.FollowUpRepository;
import io.dealflow.support.Api;
import io.dealflow.support.OnH2;
import io.dealflow.support.TestDeals;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** GET /api/contacts/{id}/export and DELETE /api/contacts/{id}: a person's data under GDPR, over HTTP. */
@OnH2
class ContactErasureTests {

    /** Every column of ours and of the engine where a person's email or name could be stored as text. */
    private static final Map<String, List<String>> TEXT_COLUMNS = Map.of(
            "contact", List.of("email", "first_name", "last_name", "phone", "job_title", "consent_text"),
            "follow_up", List.of("recipient", "subject", "body_text", "body_html", "calendar_invite",
                    "unsubscribe_url", "error"),
            "ACT_RU_VARIABLE", List.of("TEXT_", "TEXT2_"),
            "ACT_HI_VARINST", List.of("TEXT_", "TEXT2_"),
            "ACT_HI_DETAIL", List.of("TEXT_", "TEXT2_"));

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    RuntimeService runtime;
    @Autowired
    TaskService tasks;
    @Autowired
    FormService forms;
    @Autowired
    ProcessEngine engine;
    @Autowired
    FollowUpRepository followUps;
    @Autowired
    PersonalData personalData;
    @Autowired
    PlatformTransactionManager transactionManager;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    /** A deal whose first contact (Dana) is mentioned in the engine and was sent an email, as in real use. */
    record Setup(JsonNode deal, long contactId, String email, String processInstanceId) {
    }

    private Setup dealWithTracesOfDana() {
        JsonNode deal = api.post("/api/deals", TestDeals.requestJson("sam"), "sam").json();
        long contactId = deal.at("/contacts/0/id").asLong();
        String email = deal.at("/contacts/0/email").asText();
        String pid = deal.get("processInstanceId").asText();

        String task = tasks.createTaskQuery().processInstanceId(pid).singleResult().getId();
        // written as an engine at history level "full" writes them (a database from before the app's own level,
        // or an operator's choice): each value a variable had is recorded, as the erasure must find
        atHistoryLevelFull(() -> {
            // a note updated once: two recorded values, the first in another case
            runtime.setVariable(pid, "note", "call " + email.toUpperCase(Locale.ROOT) + " tomorrow");
            runtime.setVariable(pid, "note", "called " + email + ", again on Friday");
            // a variable that no longer mentions her, though its first value does
            runtime.setVariable(pid, "callback", "ring " + email);
            runtime.setVariable(pid, "callback", "done");
            // her name in a task-local variable, gone from the runtime when the task completes
            tasks.setVariableLocal(task, "agenda", "Dana Buyer wants a demo");
        });
        // a stage form as Tasklist submits it: each text field is also recorded as a form property
        forms.submitTaskForm(task, Variables.putValue("outcome", "advance")
                .putValue("needs", "Dana Buyer (" + email + ") needs onboarding"));

        long dealId = deal.get("id").asLong();
        FollowUp confirmation = followUps.save(new FollowUp(dealId, null, contactId, FollowUpKind.MEETING_CONFIRMATION,
                email, "Your meeting, Dana Buyer", "test-" + UUID.randomUUID(), Instant.now()));
        jdbc.update("update follow_up set status = 'NOT_SENT_NO_SMTP', body_text = ?, body_html = ?, "
                        + "calendar_invite = ?, unsubscribe_url = ?, error = ? where id = ?",
                "Hello Dana, see you " + email, "<p>Hello Dana Buyer</p>", "ATTENDEE:mailto:" + email,
                "http://localhost/api/unsubscribe/x", "550 no such user " + email, confirmation.getId());
        followUps.save(new FollowUp(dealId, null, deal.at("/contacts/1/id").asLong(), FollowUpKind.MEETING_CONFIRMATION,
                deal.at("/contacts/1/email").asText(), "Your meeting, Lee User", "test-" + UUID.randomUUID(),
                Instant.now()));
        return new Setup(api.get("/api/deals/" + dealId, "sam").json(), contactId, email, pid);
    }

    @Test
    void theExportHoldsTheContactTheirDealsEmailsAndWhatTheEngineSaysOfThem() {
        Setup dana = dealWithTracesOfDana();
        String otherDeal = api.post("/api/deals", TestDeals.requestJson("sam"), "sam").json()
                .get("processInstanceId").asText();

        Api.Response export = api.get("/api/contacts/" + dana.contactId() + "/export", "mia");

        assertThat(export.status()).as(export.body()).isEqualTo(200);
        JsonNode json = export.json();
        assertThat(json.at("/contact/email").asText()).isEqualTo(dana.email());
        assertThat(json.at("/contact/firstName").asText()).isEqualTo("Dana");
        assertThat(json.at("/contact/lastName").asText()).isEqualTo("Buyer");
        assertThat(json.at("/contact/company/domain").asText()).isEqualTo(dana.deal().at("/company/domain").asText());
        assertThat(json.at("/contact/consent/marketing").asBoolean()).isFalse();
        assertThat(json.get("deals")).singleElement().satisfies(deal -> {
            assertThat(deal.get("reference").asText()).isEqualTo(dana.deal().get("reference").asText());
            assertThat(deal.get("title").asText()).isEqualTo(dana.deal().get("title").asText());
            assertThat(deal.get("role").asText()).isEqualTo("DECISION_MAKER");
            assertThat(deal.get("status").asText()).isEqualTo("OPEN");
            assertThat(deal.get("stage").asText()).isEqualTo(dana.deal().get("stage").asText());
        });
        assertThat(json.get("followUps")).singleElement().satisfies(email -> {
            assertThat(email.get("kind").asText()).isEqualTo("MEETING_CONFIRMATION");
            assertThat(email.get("recipient").asText()).isEqualTo(dana.email());
            assertThat(email.get("status").asText()).isEqualTo("NOT_SENT_NO_SMTP");
            assertThat(email.get("text").asText()).contains(dana.email());
        });
        Map<String, String> variables = new LinkedHashMap<>();
        json.get("engineVariables").forEach(v -> {
            assertThat(v.get("processInstanceId").asText()).isEqualTo(dana.processInstanceId());
            variables.put(v.get("name").asText(), v.get("value").asText());
        });
        assertThat(variables).containsEntry("note", "called " + dana.email() + ", again on Friday")
                .containsEntry("agenda", "Dana Buyer wants a demo")
                .containsKeys("needs", "contactNames")
                .doesNotContainKey("callback");
        assertThat(json.get("engineHistory").findValuesAsText("value"))
                .contains("call " + dana.email().toUpperCase(Locale.ROOT) + " tomorrow", "ring " + dana.email());
        assertThat(json.get("engineHistory").findValuesAsText("processInstanceId")).doesNotContain(otherDeal);
        assertThat(json.has("erasure")).isFalse();
    }

    @Test
    void erasureLeavesNoTraceOfThePersonAndKeepsTheDeal() {
        Setup dana = dealWithTracesOfDana();
        // another Dana Buyer, at another company: someone else, whose name stays
        String otherDeal = api.post("/api/deals", TestDeals.requestJson("sam"), "sam").json()
                .get("processInstanceId").asText();
        assertThat(traces(dana.email())).as("set up").doesNotContainValue(0L);

        Api.Response erased = api.delete("/api/contacts/" + dana.contactId(), "mia");

        assertThat(erased.status()).as(erased.body()).isEqualTo(200);
        JsonNode erasure = erased.json();
        assertThat(erasure.get("contactId").asLong()).isEqualTo(dana.contactId());
        assertThat(erasure.get("erasedBy").asText()).isEqualTo("mia");
        assertThat(erasure.get("erasedAt").asText()).isNotBlank();
        assertThat(erasure.get("followUps").asInt()).isEqualTo(1);
        assertThat(erasure.get("dealLinks").asInt()).isEqualTo(1);
        // note, needs, contactNames; historic: those and agenda; loose values: callback's first, the form's needs
        assertThat(erasure.get("engineVariables").asInt()).isEqualTo(3);
        assertThat(erasure.get("historicVariables").asInt()).isEqualTo(4);
        assertThat(erasure.get("historicDetails").asInt()).isEqualTo(2);
        assertThat(erased.body()).doesNotContainIgnoringCase(dana.email()).doesNotContain("Dana");

        assertThat(traces(dana.email())).allSatisfy((table, rows) -> assertThat(rows).as(table).isZero());
        assertThat(engineTracesIn(dana.processInstanceId(), "Dana Buyer")).isZero();
        assertThat(engineTracesIn(otherDeal, "Dana Buyer")).as("the other Dana Buyer").isPositive();
        assertThat(runtime.getVariable(dana.processInstanceId(), "callback")).isEqualTo("done");
        assertThat(runtime.getVariable(dana.processInstanceId(), "contactNames")).isEqualTo("Lee User (User)");

        JsonNode deal = api.get("/api/deals/" + dana.deal().get("id").asLong(), "sam").json();
        assertThat(deal.at("/monthlyValue/amount").decimalValue()).isEqualByComparingTo("1250.50");
        assertThat(deal.get("stage").asText()).isEqualTo(dana.deal().get("stage").asText());
        assertThat(deal.get("status").asText()).isEqualTo("OPEN");
        assertThat(deal.get("history")).hasSameSizeAs(dana.deal().get("history"));
        assertThat(deal.get("contacts").findValuesAsText("email")).containsExactly(
                dana.deal().at("/contacts/1/email").asText());
        assertThat(deal.get("followUps").findValuesAsText("recipient")).containsExactlyInAnyOrder(
                "erased-" + dana.contactId() + "@erased.invalid", dana.deal().at("/contacts/1/email").asText());
        assertThat(deal.get("followUps").findValuesAsText("subject")).containsExactlyInAnyOrder(
                "MEETING_CONFIRMATION", "Your meeting, Lee User");

        JsonNode contact = api.get("/api/contacts/" + dana.contactId(), "mia").json();
        assertThat(contact.get("email").asText()).isEqualTo("erased-" + dana.contactId() + "@erased.invalid");
        assertThat(contact.has("firstName") || contact.has("lastName") || contact.has("company")).isFalse();
        assertThat(contact.at("/consent/marketing").asBoolean()).isFalse();
        assertThat(contact.at("/consent/source").asText()).isEqualTo("erasure");

        Map<String, Object> row = jdbc.queryForMap("select * from erasure where contact_id = ?", dana.contactId());
        assertThat(row.get("erased_by")).isEqualTo("mia");
        assertThat(row.toString()).doesNotContainIgnoringCase(dana.email()).doesNotContain("Dana");
    }

    @Test
    void erasingAgainChangesNothingAndAnswersTheFirstErasure() {
        Setup dana = dealWithTracesOfDana();
        JsonNode first = api.delete("/api/contacts/" + dana.contactId(), "mia").json();

        Api.Response again = api.delete("/api/contacts/" + dana.contactId(), "mia");

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json()).isEqualTo(first);
        assertThat(jdbc.queryForObject("select count(*) from erasure where contact_id = ?", Long.class,
                dana.contactId())).isOne();
        JsonNode export = api.get("/api/contacts/" + dana.contactId() + "/export", "mia").json();
        assertThat(export.at("/erasure/id").asLong()).isEqualTo(first.get("id").asLong());
        assertThat(export.get("deals")).isEmpty();
        assertThat(export.get("engineVariables")).isEmpty();
        assertThat(export.get("engineHistory")).isEmpty();
        assertThat(export.at("/followUps/0/subject").asText()).isEqualTo("MEETING_CONFIRMATION");
    }

    @Test
    void everyExportAndErasureIsRecordedForManagersWithoutPersonalData() {
        Setup dana = dealWithTracesOfDana();
        api.get("/api/contacts/" + dana.contactId() + "/export", "mia");
        api.delete("/api/contacts/" + dana.contactId(), "demo");

        Api.Response audit = api.get("/api/audit?limit=50", "mia");

        assertThat(audit.status()).isEqualTo(200);
        List<JsonNode> uses = new java.util.ArrayList<>();
        audit.json().forEach(event -> {
            if (event.get("subjectId").asLong() == dana.contactId()) {
                uses.add(event);
            }
        });
        assertThat(uses).extracting(e -> e.get("action").asText() + " by " + e.get("actor").asText())
                .containsExactly("ERASURE by demo", "EXPORT by mia");
        assertThat(uses).allSatisfy(e -> assertThat(e.get("at").asText()).isNotBlank());
        assertThat(audit.body()).doesNotContainIgnoringCase(dana.email()).doesNotContain("Dana");
        assertThat(api.get("/api/audit", "sam").status()).isEqualTo(403);
        assertThat(api.get("/api/audit", "mark").status()).isEqualTo(403);
        assertThat(api.get("/api/contacts/" + dana.contactId() + "/export", "mark").status()).isEqualTo(403);
        assertThat(api.delete("/api/contacts/" + dana.contactId(), "sam").status()).isEqualTo(403);
    }

    @Test
    void aFailedErasureLeavesEverythingAsItWas() {
        Setup dana = dealWithTracesOfDana();
        Map<String, Long> before = traces(dana.email());

        // the erasure joins the caller's transaction; here the caller fails after it
        assertThatThrownBy(() -> new TransactionTemplate(transactionManager).executeWithoutResult(tx -> {
            personalData.erase(dana.contactId(), "sam");
            throw new IllegalStateException("failed after the erasure");
        })).hasMessage("failed after the erasure");

        assertThat(traces(dana.email())).isEqualTo(before);
        assertThat(api.get("/api/contacts/" + dana.contactId(), "mia").json().get("email").asText())
                .isEqualTo(dana.email());
        assertThat(api.get("/api/deals/" + dana.deal().get("id").asLong(), "sam").json().get("contacts")).hasSize(2);
        assertThat(jdbc.queryForObject("select count(*) from erasure where contact_id = ?", Long.class,
                dana.contactId())).isZero();
    }

    @Test
    void anUnknownContactIs404AndNoLoginIs401() {
        Api.Response unknown = api.delete("/api/contacts/999999999", "mia");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        Api.Response unknownExport = api.get("/api/contacts/999999999/export", "mia");
        assertThat(unknownExport.status()).isEqualTo(404);
        assertThat(unknownExport.contentType()).startsWith("application/problem+json");

        long contactId = api.post("/api/deals", TestDeals.requestJson("sam"), "sam").json()
                .at("/contacts/0/id").asLong();
        assertThat(api.delete("/api/contacts/" + contactId, null).status()).isEqualTo(401);
        assertThat(api.get("/api/contacts/" + contactId + "/export", null).status()).isEqualTo(401);
        assertThat(api.get("/api/contacts/" + contactId, "mia").json().get("firstName").asText()).isEqualTo("Dana");
    }

    @Test
    void theEngineKeepsOnlyAVariablesLatestValueAndTheFormsAsSubmitted() {
        JsonNode deal = api.post("/api/deals", TestDeals.requestJson("sam"), "sam").json();
        String email = deal.at("/contacts/0/email").asText();
        String pid = deal.get("processInstanceId").asText();
        runtime.setVariable(pid, "note", "call " + email + " tomorrow");
        runtime.setVariable(pid, "note", "called them, again on Friday");
        String task = tasks.createTaskQuery().processInstanceId(pid).singleResult().getId();
        forms.submitTaskForm(task, Variables.putValue("outcome", "advance")
                .putValue("needs", "Dana Buyer (" + email + ") needs onboarding"));

        assertThat(jdbc.queryForList("select TEXT_ from ACT_HI_VARINST where PROC_INST_ID_ = ? and NAME_ = 'note'",
                String.class, pid)).containsExactly("called them, again on Friday");
        assertThat(traces(email).get("ACT_HI_DETAIL")).as("the stage form as submitted").isOne();
        assertThat(jdbc.queryForObject("select count(*) from ACT_HI_DETAIL where PROC_INST_ID_ = ? and NAME_ = 'note'",
                Long.class, pid)).as("the note's former value").isZero();
        assertThat(api.get("/api/contacts/" + deal.at("/contacts/0/id").asLong() + "/export", "mia").json()
                .get("engineHistory").findValuesAsText("value"))
                .containsExactly("Dana Buyer (" + email + ") needs onboarding");
    }

    /** Runs the work with the engine at history level "full", and then at its configured level again. */
    private void atHistoryLevelFull(Runnable work) {
        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        HistoryLevel configured = configuration.getHistoryLevel();
        configuration.setHistoryLevel(HistoryLevel.HISTORY_LEVEL_FULL);
        try {
            work.run();
        } finally {
            configuration.setHistoryLevel(configured);
        }
    }

    /** How many rows of each table mention the text in any text column, lower-cased as the erasure searches. */
    private Map<String, Long> traces(String text) {
        Map<String, Long> counts = new LinkedHashMap<>();
        TEXT_COLUMNS.forEach((table, columns) -> counts.put(table, jdbc.queryForObject(
                "select count(*) from " + table + " where " + String.join(" or ",
                        columns.stream().map(c -> "lower(" + c + ") like ?").toList()),
                Long.class, columns.stream().map(c -> "%" + text.toLowerCase(Locale.ROOT) + "%").toArray())));
        return counts;
    }

    private long engineTracesIn(String processInstanceId, String text) {
        String like = "%" + text.toLowerCase(Locale.ROOT) + "%";
        return List.of("ACT_RU_VARIABLE", "ACT_HI_VARINST", "ACT_HI_DETAIL").stream()
                .mapToLong(table -> jdbc.queryForObject("select count(*) from " + table
                        + " where PROC_INST_ID_ = ? and (lower(TEXT_) like ? or lower(TEXT2_) like ?)", Long.class,
                        processInstanceId, like, like))
                .sum();
    }
}
