package io.dealflow.lead;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealflow.settings.DealflowProperties;
import io.dealflow.support.Api;
import io.dealflow.support.OnH2;
import io.dealflow.support.StoredCounts;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.Deployment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** Issue 11, item 2: imports of the files people export from the CRM or spreadsheet they leave. */
@OnH2
class LeadImportTests {

    static final String WORDING = "I agree to receive emails about your products";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ImportJob job;
    @Autowired
    RepositoryService repository;
    @Autowired
    RuntimeService runtime;
    @Autowired
    ImportStore store;
    @Autowired
    DealflowProperties settings;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    @Test
    void aHubSpotExportSavedByExcelWithSemicolonsIsImported() {
        String domain = domain();
        String csv = "\uFEFFRecord ID;First Name;Last Name;Email;Company Name;Job Title;Phone Number;Website URL;"
                + "Number of Employees;Lifecycle Stage;Marketing contact status\r\n"
                + "101;Dana;Buyer;dana@" + domain + ";Acme;CTO;+40 21 000 0000;https://www." + domain + ";11-50;"
                + "lead;Marketing contact\r\n";

        JsonNode report = imported(csv, "consentText=" + encode(WORDING) + "&consentSource=hubspot");

        assertThat(report.get("created").asInt()).as(report.toString()).isEqualTo(1);
        assertThat(report.get("rejectedRows")).isEmpty();
        assertThat(texts(report.get("unknownColumns")))
                .containsExactly("Record ID", "Lifecycle Stage", "Marketing contact status");
        JsonNode contact = contact("dana@" + domain);
        assertThat(contact.get("firstName").asText()).isEqualTo("Dana");
        assertThat(contact.get("jobTitle").asText()).isEqualTo("CTO");
        assertThat(contact.at("/consent/marketing").asBoolean()).isTrue();
        assertThat(contact.at("/consent/text").asText()).isEqualTo(WORDING);
        assertThat(contact.at("/consent/source").asText()).isEqualTo("hubspot");
        assertThat(jdbc.queryForObject("select l.employees from lead l join contact c on c.id = l.contact_id "
                + "where c.email = ?", Integer.class, "dana@" + domain)).as("the lower bound of 11-50").isEqualTo(11);
    }

    @Test
    void aPipedriveExportWithAWholeNameAndSubscriptionStatuses() {
        String domain = domain();
        String csv = """
                Name,Email - Work,Email - Home,Organization,Phone - Work,Marketing status,Label
                Ana de la Cruz,,ana@%1$s,Cruz Ltd,,Subscribed,Hot
                Bo Unsub,bo@%1$s,,Cruz Ltd,,Unsubscribed,
                """.formatted(domain);

        JsonNode report = imported(csv, "consentText=" + encode(WORDING));

        assertThat(report.get("created").asInt()).as(report.toString()).isEqualTo(1);
        assertThat(rejected(report)).containsExactly("3:consent:Marketing status");
        assertThat(texts(report.get("unknownColumns"))).containsExactly("Label");
        JsonNode ana = contact("ana@" + domain);
        assertThat(ana.get("firstName").asText()).isEqualTo("Ana");
        assertThat(ana.get("lastName").asText()).isEqualTo("de la Cruz");
        assertThat(contact("bo@" + domain)).isNull();

        JsonNode without = imported(csv, "consentText=" + encode(WORDING) + "&withoutConsent=true");

        assertThat(without.get("rejectedRows")).as(without.toString()).isEmpty();
        assertThat(without.get("updated").asInt()).isEqualTo(1);
        assertThat(without.get("created").asInt()).isEqualTo(1);
        assertThat(contact("bo@" + domain).at("/consent/marketing").asBoolean()).isFalse();
        assertThat(contact("ana@" + domain).at("/consent/marketing").asBoolean()).isTrue();
    }

    /** Consent wording is never invented: a Salesforce export says nothing of it, so its rows wait for one. */
    @Test
    void aRowWithoutTheWordingThePersonWasShownIsRejected() {
        String domain = domain();
        String csv = """
                First Name,Last Name,Title,Account Name,Email,Email Opt Out,consent
                Sal,Force,VP Sales,Force Inc,sal@%1$s,0,yes
                Opt,Out,,Force Inc,opt@%1$s,1,yes
                No,Word,,Force Inc,noword@%1$s,0,
                """.formatted(domain);
        StoredCounts before = StoredCounts.of(jdbc);

        JsonNode report = imported(csv, "");

        assertThat(rejected(report)).containsExactly("2:consentText:consentText", "3:consent:consent",
                "4:consent:consent");
        assertThat(report.at("/rejectedRows/0/reason").asText()).contains("wording");
        assertThat(StoredCounts.of(jdbc)).isEqualTo(before);

        JsonNode salesforce = imported(csv.replace(",consent\n", "\n").replace(",yes\n", "\n").replace(",\n", "\n"),
                "consentText=" + encode(WORDING));
        assertThat(salesforce.get("created").asInt()).as(salesforce.toString()).isEqualTo(2);
        assertThat(rejected(salesforce)).containsExactly("3:consent:consent");
        assertThat(contact("sal@" + domain).get("jobTitle").asText()).isEqualTo("VP Sales");
    }

    @Test
    void theColumnsNamedByThePersonImporting() {
        String domain = domain();
        String csv = "E-Mail Adresse,Firma,Zustimmung,Wortlaut\nkim@" + domain + ",Kim GmbH,ja,Ich stimme zu\n";

        JsonNode preview = api.post("/api/leads/import/preview", csv, "text/csv", "mark").json();
        assertThat(texts(preview.get("missing"))).containsExactly("email");
        assertThat(texts(preview.get("unknownColumns"))).containsExactly("E-Mail Adresse", "Firma", "Zustimmung",
                "Wortlaut");

        String mapping = "column.email=" + encode("E-Mail Adresse") + "&column.company=Firma"
                + "&column.consentText=Wortlaut";
        JsonNode ja = api.post("/api/leads/import/preview?" + mapping + "&column.consent=Zustimmung", csv,
                "text/csv", "mark").json();
        assertThat(ja.at("/rows/0/rejected/field").asText()).as(ja.toString()).isEqualTo("consent");
        assertThat(ja.at("/rows/0/rejected/column").asText()).isEqualTo("Zustimmung");

        String yes = csv.replace(",ja,", ",yes,");
        JsonNode shown = api.post("/api/leads/import/preview?" + mapping + "&column.consent=Zustimmung", yes,
                "text/csv", "mark").json();
        assertThat(shown.at("/columns/email/0").asText()).isEqualTo("E-Mail Adresse");
        assertThat(shown.get("unknownColumns")).isEmpty();
        assertThat(shown.at("/rows/0/lead/company").asText()).isEqualTo("Kim GmbH");
        assertThat(shown.at("/rows/0/marketingConsent").asBoolean()).isTrue();
        assertThat(contact("kim@" + domain)).as("a preview stores nothing").isNull();

        JsonNode report = imported(yes, mapping + "&column.consent=Zustimmung");
        assertThat(report.get("created").asInt()).as(report.toString()).isEqualTo(1);
        assertThat(contact("kim@" + domain).at("/consent/text").asText()).isEqualTo("Ich stimme zu");
    }

    @Test
    void badOptionsAndAFileWithoutAnEmailColumnAreA400NamingThem() {
        String csv = "email,consent\nx@y.example,yes\n";
        for (String[] bad : new String[][] {{"column.mail=email", "column.mail"}, {"column.email=Mail", "column.email"},
                {"withoutconsent=true", "withoutconsent"}, {"withoutConsent=perhaps", "withoutConsent"}}) {
            for (String path : List.of("/api/leads/import", "/api/leads/import/preview")) {
                Api.Response response = api.post(path + "?" + bad[0], csv, "text/csv", "mark");
                assertThat(response.status()).as(path + "?" + bad[0]).isEqualTo(400);
                assertThat(response.contentType()).startsWith("application/problem+json");
                assertThat(response.json().at("/errors/0/field").asText()).isEqualTo(bad[1]);
            }
        }
        Api.Response noEmail = api.post("/api/leads/import", "Name,Company\nDana,Acme\n", "text/csv", "mark");
        assertThat(noEmail.contentType()).startsWith("application/problem+json");
        assertThat(noEmail.status()).isEqualTo(400);
        assertThat(noEmail.json().at("/errors/0/field").asText()).isEqualTo("header");
    }

    @Test
    void anImportIsAcceptedAtOnceAndItsRowsRunInTheBackground() throws Exception {
        String domain = domain();
        String csv = """
                email,first_name,consent
                one@%1$s,One,yes
                two@%1$s,Two,yes
                bad-address,Bad,yes
                ONE@%1$s,Again,yes
                three@%1$s,Three,yes
                """.formatted(domain);

        HttpResponse<String> accepted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/leads/import?consentText=" + encode(WORDING)))
                .header("Content-Type", "text/csv")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("mark:mark".getBytes()))
                .POST(HttpRequest.BodyPublishers.ofString(csv)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String location = accepted.headers().firstValue("Location").orElseThrow();
        assertThat(location).matches("/api/leads/imports/\\d+");
        JsonNode running = api.get(location, "mark").json();
        assertThat(running.get("status").asText()).isEqualTo("running");
        assertThat(running.get("rows").asInt()).isEqualTo(5);
        assertThat(running.get("rejected").asInt()).as("found while reading").isEqualTo(1);
        assertThat(running.get("processed").asInt()).isEqualTo(1);
        assertThat(contact("one@" + domain)).isNull();

        job.runPending();

        JsonNode done = api.get(location, "mia").json();
        assertThat(done.get("status").asText()).isEqualTo("done");
        assertThat(done.get("processed").asInt()).isEqualTo(5);
        assertThat(done.get("created").asInt()).isEqualTo(3);
        assertThat(done.get("updated").asInt()).isEqualTo(1);
        assertThat(rejected(done)).containsExactly("4:email:email");
        assertThat(contact("one@" + domain).get("firstName").asText()).as("the later row completes it").isEqualTo("Again");
        assertThat(jdbc.queryForObject("select count(*) from lead_import_row where import_id = ? and request is not"
                + " null", Long.class, done.get("id").asLong())).as("no personal data kept once run").isZero();
    }

    /** GDPR: a person erased while an import that names them waits is not created again by it. */
    @Test
    void aPersonErasedWhileAnImportOfThemWaitsIsNotCreatedAgain() {
        String domain = domain();
        String email = "Gone_1@" + domain;
        api.post("/api/leads/import?consentText=" + encode(WORDING), "email,consent\n" + email + ",yes\n",
                "text/csv", "mark");
        job.runPending();
        long contactId = contact(email).get("id").asLong();
        long waiting = api.post("/api/leads/import?consentText=" + encode(WORDING),
                "email,first_name,consent\n" + email + ",Again,yes\nstays@" + domain + ",Stays,yes\n", "text/csv",
                "mark").json().get("id").asLong();

        assertThat(api.delete("/api/contacts/" + contactId, "mia").status()).isEqualTo(200);
        job.runPending();

        JsonNode done = api.get("/api/leads/imports/" + waiting, "mark").json();
        assertThat(done.get("created").asInt()).isEqualTo(1);
        assertThat(done.get("rejectedRows").get(0).get("reason").asText()).contains("erased");
        assertThat(contact(email)).as("not created again").isNull();
        assertThat(contact("stays@" + domain)).isNotNull();
    }

    /** A process owner deploys a new version of the lead process while an import waits: its rows start that one. */
    @Test
    void anImportStartsTheLeadProcessVersionDeployedLast() {
        String email = "versioned@" + domain();
        api.post("/api/leads/import?consentText=" + encode(WORDING), "email,consent\n" + email + ",yes\n", "text/csv",
                "mark");
        Deployment deployment = repository.createDeployment().name("the lead process, again")
                .addClasspathResource("lead-process.bpmn").deploy();
        try {
            String deployed = repository.createProcessDefinitionQuery().deploymentId(deployment.getId())
                    .singleResult().getId();

            job.runPending();

            String instance = jdbc.queryForObject("select l.process_instance_id from lead l join contact c on "
                    + "c.id = l.contact_id where c.email = ?", String.class, email);
            assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance).singleResult()
                    .getProcessDefinitionId()).isEqualTo(deployed);
        } finally {
            repository.deleteDeployment(deployment.getId(), true);
        }
    }

    /**
     * The app's two import threads share a file by the email's domain; people of many domains who give one company's
     * website meet on its row from both threads: no row is lost or rejected, and the company is created once.
     */
    @Test
    void twoThreadsSharingAnImportMeetOnOneCompanyWithoutLosingARow() {
        assertThat(settings.leads().importing().workers()).as("the app's default").isEqualTo(2);
        String website = domain();
        StringBuilder csv = new StringBuilder("email,website,consent\n");
        for (int person = 0; person < 24; person++) {
            csv.append("person").append(person).append('@').append(domain()).append(",https://").append(website)
                    .append(",yes\n");
        }
        long id = api.post("/api/leads/import?consentText=" + encode(WORDING), csv.toString(), "text/csv", "mark")
                .json().get("id").asLong();
        assertThat(store.pending(id, new ImportStore.Share(2, 0), 100)).as("the first thread's rows").isNotEmpty();
        assertThat(store.pending(id, new ImportStore.Share(2, 1), 100)).as("the second thread's rows").isNotEmpty();

        job.runPending();

        JsonNode done = api.get("/api/leads/imports/" + id, "mark").json();
        assertThat(done.get("status").asText()).isEqualTo("done");
        assertThat(done.get("created").asInt()).as(done.toString()).isEqualTo(24);
        assertThat(done.get("rejected").asInt()).isZero();
        assertThat(jdbc.queryForList("select c.email from contact c join company co on co.id = c.company_id"
                + " where co.domain = ?", String.class, website)).hasSize(24);
        assertThat(jdbc.queryForObject("select count(*) from company where domain = ?", Long.class, website)).isOne();
    }

    /** A restart (or another node) continues an import whose node stopped; a live claim is left alone. */
    @Test
    void anUnfinishedImportIsContinuedOnlyOnceItsClaimHasLapsed() {
        String domain = domain();
        Api.Response accepted = api.post("/api/leads/import?consentText=" + encode(WORDING),
                "email,consent\nk1@" + domain + ",yes\nk2@" + domain + ",yes\nk3@" + domain + ",yes\n",
                "text/csv", "mark");
        long id = accepted.json().get("id").asLong();
        jdbc.update("update lead_import set claimed_by = 'another-node', claimed_until = ? where id = ?",
                Timestamp.from(Instant.now().plusSeconds(600)), id);

        job.runPending();

        assertThat(api.get("/api/leads/imports/" + id, "mark").json().get("processed").asInt())
                .as("held by another node").isZero();

        jdbc.update("update lead_import set claimed_until = ? where id = ?", Timestamp.from(Instant.now().minusSeconds(1)), id);
        job.runPending();

        JsonNode done = api.get("/api/leads/imports/" + id, "mark").json();
        assertThat(done.get("status").asText()).isEqualTo("done");
        assertThat(done.get("created").asInt()).isEqualTo(3);
    }

    @Test
    void anUnknownImportIsA404AndABadIdA400() {
        Api.Response missing = api.get("/api/leads/imports/999999999", "mark");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        Api.Response bad = api.get("/api/leads/imports/abc", "mark");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
    }

    @Test
    void theImportPageShowsProgressFromTheStatusResource() {
        Api.Response page = api.get("/leads/import.html", null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<progress", "/api/leads/import/preview", "Location", "withoutConsent");
    }

    /** The import's final status (what a client polls until done). */
    JsonNode imported(String csv, String query) {
        return ImportRun.imported(api, job, query.isEmpty() ? "" : "?" + query, csv, "mark");
    }

    JsonNode contact(String email) {
        JsonNode found = api.get("/api/contacts?email=" + encode(email), "mark").json();
        return found.isEmpty() ? null : found.get(0);
    }

    static List<String> rejected(JsonNode report) {
        List<String> rejected = new ArrayList<>();
        report.get("rejectedRows").forEach(r -> rejected.add(r.get("line").asInt() + ":" + r.get("field").asText() + ":"
                + r.get("column").asText()));
        return rejected;
    }

    static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static String domain() {
        return "imp-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
    }
}
