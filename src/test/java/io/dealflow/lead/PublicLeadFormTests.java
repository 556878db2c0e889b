package io.dealflow.lead;

import io.dealflow.support.MailServer;
import io.dealflow.support.OnH2;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMailUtil;
import io.dealflow.contact.ConsentConfirmations;
import io.dealflow.contact.ContactService;
import io.dealflow.followup.FollowUpKind;
import io.dealflow.followup.FollowUpSender;
import io.dealflow.followup.LeadEmails;
import io.dealflow.followup.FollowUpWorker;
import io.dealflow.support.Api;
import io.dealflow.support.Mailbox;
import io.dealflow.support.PublicClient;
import jakarta.mail.internet.MimeMessage;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The pages anybody can use without login, as a hostile visitor would: the lead form cannot change a known
 * person, consent comes back only by double opt-in, bots are ignored, the unsubscribe link needs a POST, and the
 * form is accessible and framed only by the configured sites.
 */
@OnH2
class PublicLeadFormTests {

    @RegisterExtension
    static MailServer smtp = new MailServer();

    @LocalServerPort
    int port;
    @Autowired
    ProcessEngine engine;
    @Autowired
    RuntimeService runtime;
    @Autowired
    ContactService contacts;
    @Autowired
    LeadEmails leadEmails;
    @Autowired
    FollowUpSender sender;
    @Autowired
    FollowUpWorker worker;
    @Autowired
    ConsentConfirmations confirmations;
    @Autowired
    JdbcTemplate jdbc;

    Api api;
    PublicClient visitor;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        visitor = new PublicClient("127.0.0.1", port);
        BpmnAwareTests.init(engine);
    }

    // ------------------------------------------------------------------ a known person's record

    @Test
    void aPublicSubmissionNeverChangesAKnownPersonOrTheirCompanyAndIsKeptOnTheLead() {
        String domain = "known-" + unique() + ".example";
        String email = "dana@" + domain;
        JsonNode lead = api.post("/api/leads", LeadsTests.leadJson(email, true, mqlAnswers(), null, "Known Works",
                domain), "mark").json();
        JsonNode before = contact(email);
        long companies = count("company");

        PublicClient.Response thanks = visitor.post("/lead-form", form("email", email.toUpperCase(),
                "firstName", "Pay at evil.example", "lastName", "Now", "company", "Evil Co", "website",
                "evil-" + unique() + ".example", "jobTitle", "Accounts", "phone", "+1 555 0100", "consent", "true",
                "budget", "true", "need", "true", "timeline", "NOW", "employees", "250"));

        assertThat(thanks.status()).as(thanks.body()).isEqualTo(200);
        JsonNode after = contact(email);
        for (String field : List.of("firstName", "lastName", "phone", "jobTitle", "company", "consent", "updatedAt")) {
            assertThat(after.get(field)).as(field).isEqualTo(before.get(field));
        }
        assertThat(count("company")).isEqualTo(companies);

        JsonNode kept = api.get("/api/leads/" + lead.get("leadId").asLong(), "demo").json();
        assertThat(kept.get("contactId").asLong()).isEqualTo(after.get("id").asLong());
        assertThat(kept.get("companyId").asLong()).isEqualTo(after.at("/company/id").asLong());
        assertThat(kept.get("publicSubmissions")).singleElement().satisfies(submitted -> {
            assertThat(submitted.get("firstName").asText()).isEqualTo("Pay at evil.example");
            assertThat(submitted.get("company").asText()).isEqualTo("Evil Co");
            assertThat(submitted.get("phone").asText()).isEqualTo("+1 555 0100");
            assertThat(submitted.get("source").asText()).isEqualTo("lead-form");
            assertThat(submitted.get("consentAsked").asBoolean()).isTrue();
        });
        JsonNode export = api.get("/api/contacts/" + after.get("id").asLong() + "/export", "demo").json();
        assertThat(export.at("/lead/public_submissions/0/first_name").asText()).isEqualTo("Pay at evil.example");

        // a logged-in user's API call still completes the record
        api.post("/api/leads", LeadsTests.leadJson(email, true, mqlAnswers(), null).replace("\"Lee\"", "\"Dana\""),
                "mark");
        assertThat(contact(email).get("firstName").asText()).isEqualTo("Dana");
    }

    @Test
    void aNewPersonOnThePublicFormIsStoredAsSubmittedWithTheFormsConsent() {
        String email = "new@new-" + unique() + ".example";

        assertThat(visitor.post("/lead-form", form("email", email, "firstName", "Nia", "company", "New Co",
                "consent", "true")).status()).isEqualTo(200);

        JsonNode contact = contact(email);
        assertThat(contact.get("firstName").asText()).isEqualTo("Nia");
        assertThat(contact.at("/company/name").asText()).isEqualTo("New Co");
        assertThat(contact.at("/consent/marketing").asBoolean()).isTrue();
        assertThat(contact.at("/consent/source").asText()).isEqualTo("lead-form");
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("consent-confirmation")
                .variableValueEquals("leadId", leadIdOf(contact)).count()).isZero();
    }

    // ------------------------------------------------------------------ double opt-in

    @Test
    void aPersonWhoUnsubscribedIsSubscribedAgainOnlyByConfirmingTheEmail() throws Exception {
        String email = "opt@optin-" + unique() + ".example";
        JsonNode lead = api.post("/api/leads", LeadsTests.leadJson(email, true, mqlAnswers(), null), "mark").json();
        long contactId = lead.get("contactId").asLong();
        assertThat(visitor.post("/api/unsubscribe/" + contacts.unsubscribeToken(contactId), "").status())
                .isEqualTo(200);
        assertThat(contact(email).at("/consent/marketing").asBoolean()).isFalse();

        assertThat(visitor.post("/lead-form", form("email", email, "consent", "true")).status()).isEqualTo(200);
        assertThat(visitor.post("/lead-form", form("email", email, "consent", "true")).status()).isEqualTo(200);

        assertThat(contact(email).at("/consent/marketing").asBoolean()).as("not before confirming").isFalse();
        List<ProcessInstance> sending = runtime.createProcessInstanceQuery().processDefinitionKey("consent-confirmation")
                .variableValueEquals("leadId", lead.get("leadId").asLong()).list();
        assertThat(sending).as("one confirmation for two submissions").hasSize(1);
        assertThat(worker.workOn(sending.get(0).getId())).as("the email task SendConsentConfirmation").isOne();
        List<MimeMessage> received = smtp.receivedBy(email);
        assertThat(received).hasSize(1);
        assertThat(received.get(0).getSubject()).isEqualTo("Please confirm: may we email you?");
        assertThat(received.get(0).getHeader("List-Unsubscribe")).isNull();
        String link = GreenMailUtil.getBody(received.get(0))
                .replaceAll("(?s).*(/lead-form/confirm/[A-Za-z0-9_-]+).*", "$1");
        assertThat(link).startsWith("/lead-form/confirm/");
        sender.deliver(leadEmails.consentConfirmation(lead.get("leadId").asLong(), confirmations.get(
                jdbc.queryForObject("select id from consent_confirmation where contact_id = ?", Long.class,
                        contactId))));
        assertThat(smtp.receivedBy(email)).as("sent once, however often its job runs").hasSize(1);

        PublicClient.Response page = visitor.get(link);
        assertThat(page.status()).isEqualTo(200);
        Document confirmPage = Jsoup.parse(page.body());
        assertThat(confirmPage.select("form[method=post] button")).hasSize(1);
        assertThat(confirmPage.text()).contains("I agree that you may email me");
        assertThat(visitor.head(link).status()).isEqualTo(200);
        assertThat(contact(email).at("/consent/marketing").asBoolean()).as("GET and HEAD change nothing").isFalse();

        assertThat(visitor.post(link, "").status()).isEqualTo(200);
        JsonNode consent = contact(email).get("consent");
        assertThat(consent.get("marketing").asBoolean()).isTrue();
        assertThat(consent.get("source").asText()).isEqualTo("lead-form (confirmed)");
        assertThat(consent.get("text").asText()).startsWith("I agree that you may email me");
        assertThat(visitor.post(link, "").status()).as("confirming twice").isEqualTo(200);
    }

    @Test
    void erasingAPersonErasesWhatTheySentThroughTheFormAndTheirConfirmations() {
        String email = "gone@erase-" + unique() + ".example";
        JsonNode lead = api.post("/api/leads", LeadsTests.leadJson(email, false, mqlAnswers(), null)
                .replace("\"marketing\": false", "\"marketing\": true"), "mark").json();
        long contactId = lead.get("contactId").asLong();
        visitor.post("/api/unsubscribe/" + contacts.unsubscribeToken(contactId), "");
        assertThat(visitor.post("/lead-form", form("email", email, "firstName", "Gone", "consent", "true")).status())
                .isEqualTo(200);
        assertThat(count("lead_submission where lead_id = " + lead.get("leadId").asLong())).isOne();
        assertThat(count("consent_confirmation where contact_id = " + contactId)).isOne();

        assertThat(api.delete("/api/contacts/" + contactId, "demo").status()).isEqualTo(200);

        assertThat(count("lead_submission where lead_id = " + lead.get("leadId").asLong())).isZero();
        assertThat(count("consent_confirmation where contact_id = " + contactId)).isZero();
    }

    @Test
    void anUnknownConfirmationLinkIsNotFound() {
        assertThat(visitor.get("/lead-form/confirm/nobody-has-this").status()).isEqualTo(404);
        assertThat(visitor.post("/lead-form/confirm/nobody-has-this", "").status()).isEqualTo(404);
    }

    // ------------------------------------------------------------------ bots

    @Test
    void aSubmissionThatFillsTheHoneypotIsThankedAndStoresNothing() {
        String email = "bot@bot-" + unique() + ".example";
        List<Long> before = counts();

        PublicClient.Response answer = visitor.post("/lead-form", form("email", email, "firstName", "Bot",
                "company", "Spam Co", "consent", "true", "website_url", "http://spam.example"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).contains("Thank you");
        assertThat(counts()).isEqualTo(before);
        assertThat(api.get("/api/contacts?email=" + email, "demo").json()).isEmpty();
    }

    // ------------------------------------------------------------------ unsubscribe

    @Test
    void theUnsubscribeLinkShowsAPageOnGetAndHeadAndUnsubscribesOnlyOnPost() throws Exception {
        String email = "unsub@unsub-" + unique() + ".example";
        JsonNode lead = api.post("/api/leads", LeadsTests.leadJson(email, true, mqlAnswers(), null), "mark").json();
        sender.deliver(leadEmails.marketing(lead.get("leadId").asLong(), lead.get("contactId").asLong(),
                FollowUpKind.NURTURE_FIRST, "test-" + unique()));
        MimeMessage mail = smtp.receivedBy(email).get(0);
        String header = mail.getHeader("List-Unsubscribe")[0];
        // the tests' public URL is http: no one-click header (RFC 8058 wants https, see FollowUpsTests)
        assertThat(mail.getHeader("List-Unsubscribe-Post")).isNull();
        String link = header.replaceAll("^<https?://[^/]+(/api/unsubscribe/[A-Za-z0-9_-]+)>$", "$1");
        assertThat(link).startsWith("/api/unsubscribe/");

        PublicClient.Response page = visitor.get(link);
        assertThat(page.status()).isEqualTo(200);
        assertThat(Jsoup.parse(page.body()).select("form[method=post] button").text()).isEqualTo("Unsubscribe");
        assertThat(visitor.head(link).status()).isEqualTo(200);
        assertThat(contact(email).at("/consent/marketing").asBoolean()).as("GET and HEAD change nothing").isTrue();

        // what a mail client sends for one-click unsubscribe (RFC 8058)
        PublicClient.Response done = visitor.post(link, "List-Unsubscribe=One-Click");
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.body()).contains("You are unsubscribed");
        JsonNode consent = contact(email).get("consent");
        assertThat(consent.get("marketing").asBoolean()).isFalse();
        assertThat(consent.get("source").asText()).isEqualTo("unsubscribe link");

        assertThat(visitor.get("/api/unsubscribe/nobody-has-this").status()).isEqualTo(404);
        assertThat(visitor.post("/api/unsubscribe/nobody-has-this", "").status()).isEqualTo(404);
        assertThat(visitor.get("/api/unsubscribe/nobody-has-this").body()).contains("This link is not valid");
    }

    // ------------------------------------------------------------------ the page itself

    @Test
    void theFormMayBeFramedOnlyByTheConfiguredSites() {
        for (String path : List.of("/lead-form", "/lead-form/confirm/nobody-has-this")) {
            PublicClient.Response page = visitor.get(path);
            assertThat(page.header("Content-Security-Policy")).as(path)
                    .contains("frame-ancestors 'self' https://www.customer.example");
            assertThat(page.header("X-Frame-Options")).as(path).isEmpty();
        }
        PublicClient.Response thanks = visitor.post("/lead-form", form("email", "f@frame-" + unique() + ".example",
                "consent", "true"));
        assertThat(thanks.header("Content-Security-Policy")).contains("frame-ancestors 'self' https://www.customer.example");
        assertThat(visitor.get("/api/unsubscribe/nobody-has-this").header("X-Frame-Options")).contains("DENY");
    }

    @Test
    void everyFieldHasALabelAndErrorsStandNextToTheirFieldWithASummaryAtTheTop() {
        Document empty = Jsoup.parse(visitor.get("/lead-form").body());
        assertThat(empty.select("meta[name=viewport]").attr("content")).contains("width=device-width");
        assertThat(empty.select("style").html()).contains("@media", ":focus-visible");
        assertThat(empty.select("script")).isEmpty();
        assertThat(empty.select("form[method=post][action=/lead-form]")).hasSize(1);
        for (Element input : empty.select("input, select")) {
            assertThat(empty.select("label[for=" + input.id() + "]")).as("label of " + input.id()).hasSize(1);
        }
        Element trap = empty.getElementById("website_url");
        assertThat(trap.attr("tabindex")).isEqualTo("-1");
        assertThat(trap.attr("autocomplete")).isEqualTo("off");
        assertThat(empty.select("label[for=website_url]").text()).containsIgnoringCase("leave this field empty");
        assertThat(empty.select("[aria-invalid]")).isEmpty();

        PublicClient.Response refused = visitor.post("/lead-form", form("email", "not-an-email",
                "firstName", "<script>alert(1)</script>", "employees", "many", "consent", "true"));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).doesNotContain("<script>alert(1)</script>");
        Document page = Jsoup.parse(refused.body());
        assertThat(page.getElementById("firstName").val()).isEqualTo("<script>alert(1)</script>");
        assertThat(page.title()).startsWith("Error");
        Element summary = page.getElementById("error-summary");
        assertThat(summary.attr("role")).isEqualTo("alert");
        assertThat(summary.select("a").eachAttr("href")).containsExactly("#email", "#employees");
        for (String field : List.of("email", "employees")) {
            Element input = page.getElementById(field);
            assertThat(input.attr("aria-invalid")).isEqualTo("true");
            assertThat(input.attr("aria-describedby")).isEqualTo(field + "-error");
            Element error = page.getElementById(field + "-error");
            assertThat(error.text()).isNotBlank();
            assertThat(error.parent()).as("next to its field").isEqualTo(input.parent());
        }
        assertThat(page.getElementById("firstName").hasAttr("aria-invalid")).isFalse();

        PublicClient.Response noConsent = visitor.post("/lead-form", form("email", "c@consent-" + unique() + ".example"));
        assertThat(noConsent.status()).isEqualTo(422);
        Document consentPage = Jsoup.parse(noConsent.body());
        assertThat(consentPage.getElementById("consent").attr("aria-describedby")).isEqualTo("consent-error");
        assertThat(consentPage.getElementById("consent-error").text()).contains("Please tick the box");
    }

    // ------------------------------------------------------------------ helpers

    private JsonNode contact(String email) {
        JsonNode found = api.get("/api/contacts?email=" + URLEncoder.encode(email, StandardCharsets.UTF_8), "demo")
                .json();
        assertThat(found).as(email).hasSize(1);
        return found.get(0);
    }

    private long leadIdOf(JsonNode contact) {
        return jdbc.queryForObject("select id from lead where contact_id = ?", Long.class, contact.get("id").asLong());
    }

    private List<Long> counts() {
        return List.of(count("contact"), count("company"), count("lead"), count("lead_submission"),
                count("ACT_HI_PROCINST"));
    }

    private long count(String table) {
        return jdbc.queryForObject("select count(*) from " + table, Long.class);
    }

    static String form(String... namesAndValues) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            body.append(body.isEmpty() ? "" : "&").append(namesAndValues[i]).append('=')
                    .append(URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
        }
        return body.toString();
    }

    private static String mqlAnswers() {
        return "{\"budget\": true, \"authority\": false, \"need\": true, \"timeline\": \"QUARTER\", \"employees\": 250}";
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
