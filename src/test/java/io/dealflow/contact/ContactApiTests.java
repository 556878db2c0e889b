package io.dealflow.contact;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealflow.support.Api;
import io.dealflow.support.OnH2;
import io.dealflow.support.TestDeals;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** GET /api/contacts?email= and POST /api/contacts/{id}/consent over HTTP. */
@OnH2
class ContactApiTests {

    @LocalServerPort
    int port;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    @Test
    void aContactIsFoundByItsEmailInAnyCaseOrSpacing() {
        JsonNode deal = api.post("/api/deals", TestDeals.requestJson("sam"), "sam").json();
        String email = deal.at("/contacts/0/email").asText();

        Api.Response found = api.get("/api/contacts?email=%20" + email.toUpperCase() + "%20", "mark");

        assertThat(found.status()).isEqualTo(200);
        assertThat(found.json()).singleElement().satisfies(contact -> {
            assertThat(contact.get("email").asText()).isEqualTo(email);
            assertThat(contact.get("firstName").asText()).isEqualTo("Dana");
            assertThat(contact.at("/company/domain").asText()).isEqualTo(deal.at("/company/domain").asText());
            assertThat(contact.at("/consent/marketing").asBoolean()).isFalse();
        });
        assertThat(api.get("/api/contacts?email=nobody@nowhere.example", "mark").json()).isEmpty();
        assertThat(api.get("/api/contacts?email=" + email, null).status()).isEqualTo(401);
    }

    @Test
    void consentIsGrantedWithItsSourceAndWordingAndWithdrawn() {
        long id = contactOfANewDeal();

        Api.Response granted = api.post("/api/contacts/" + id + "/consent",
                "{\"marketing\": true, \"source\": \"phone call\", \"text\": \"Yes, send me offers by email.\"}", "mark");

        assertThat(granted.status()).as(granted.body()).isEqualTo(200);
        assertThat(granted.json().at("/consent/marketing").asBoolean()).isTrue();
        assertThat(granted.json().at("/consent/source").asText()).isEqualTo("phone call");
        assertThat(granted.json().at("/consent/text").asText()).isEqualTo("Yes, send me offers by email.");
        assertThat(granted.json().at("/consent/at").asText()).isNotBlank();

        Api.Response withdrawn = api.post("/api/contacts/" + id + "/consent", "{\"marketing\": false}", "mark");
        assertThat(withdrawn.json().at("/consent/marketing").asBoolean()).isFalse();
        assertThat(withdrawn.json().at("/consent/source").asText()).isEqualTo("api");
        assertThat(api.get("/api/contacts/" + id, "mark").json().at("/consent/marketing").asBoolean()).isFalse();
    }

    @Test
    void aConsentWithoutItsWordingIsRefusedNamingTheFieldsAndChangesNothing() {
        long id = contactOfANewDeal();

        Api.Response refused = api.post("/api/contacts/" + id + "/consent", "{\"marketing\": true}", "mark");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("errors").findValuesAsText("field")).containsExactly("source", "text");
        assertThat(api.get("/api/contacts/" + id, "mark").json().at("/consent/marketing").asBoolean()).isFalse();

        Api.Response noDecision = api.post("/api/contacts/" + id + "/consent", "{}", "mark");
        assertThat(noDecision.status()).isEqualTo(400);
        assertThat(noDecision.json().get("errors").findValuesAsText("field")).containsExactly("marketing");
        assertThat(api.post("/api/contacts/999999999/consent", "{\"marketing\": false}", "mark").status())
                .isEqualTo(404);
    }

    @Test
    void aContactsTimeZoneIsSetAndClearedAndOnlyAnIanaZoneIsTaken() {
        long id = contactOfANewDeal();

        Api.Response set = api.put("/api/contacts/" + id + "/time-zone", "{\"timeZone\": \"America/New_York\"}",
                "mark");
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(set.json().get("timeZone").asText()).isEqualTo("America/New_York");
        assertThat(api.get("/api/contacts/" + id, "mark").json().get("timeZone").asText())
                .isEqualTo("America/New_York");

        for (String bad : new String[] {"Mars/Olympus", "+02:00", "CET+1", "x".repeat(500)}) {
            Api.Response refused = api.put("/api/contacts/" + id + "/time-zone", "{\"timeZone\": \"" + bad + "\"}",
                    "mark");
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().get("errors").findValuesAsText("field")).containsExactly("timeZone");
        }
        assertThat(api.get("/api/contacts/" + id, "mark").json().get("timeZone").asText())
                .isEqualTo("America/New_York");

        Api.Response cleared = api.put("/api/contacts/" + id + "/time-zone", "{\"timeZone\": null}", "mark");
        assertThat(cleared.status()).isEqualTo(200);
        assertThat(api.get("/api/contacts/" + id, "mark").json().has("timeZone")).isFalse();
        assertThat(api.put("/api/contacts/999999999/time-zone", "{\"timeZone\": \"UTC\"}", "mark").status())
                .isEqualTo(404);
    }

    @Test
    void aDealsContactAndALeadMayBringTheirTimeZoneAndABadOneStoresNothing() {
        String withZone = TestDeals.requestJson("sam").replace("\"role\": \"DECISION_MAKER\"",
                "\"role\": \"DECISION_MAKER\", \"timeZone\": \"Asia/Tokyo\"");
        JsonNode deal = api.post("/api/deals", withZone, "sam").json();
        assertThat(api.get("/api/contacts/" + deal.at("/contacts/0/id").asLong(), "mark").json().get("timeZone")
                .asText()).isEqualTo("Asia/Tokyo");

        String badZone = TestDeals.requestJson("sam").replace("\"role\": \"USER\"",
                "\"role\": \"USER\", \"timeZone\": \"Tokyo\"");
        Api.Response refusedDeal = api.post("/api/deals", badZone, "sam");
        assertThat(refusedDeal.status()).isEqualTo(400);
        assertThat(refusedDeal.json().get("errors").findValuesAsText("field")).containsExactly("contacts[1].timeZone");
        String dana = badZone.substring(badZone.indexOf("Dana@") + 5, badZone.indexOf(".example ") + 8);
        assertThat(api.get("/api/contacts?email=dana@" + dana, "mark").json()).as("nothing stored").isEmpty();

        String email = "zone-" + java.util.UUID.randomUUID().toString().substring(0, 8) + "@lead-zone.example";
        String lead = """
                {"email": "%s", "firstName": "Lee", "lastName": "Prospect", "company": "Prospect Works",
                 "consent": {"marketing": true, "source": "webform", "text": "I agree to receive emails"},
                 "timeZone": "%s"}""";
        Api.Response refusedLead = api.post("/api/leads", lead.formatted(email, "Berlin"), "mark");
        assertThat(refusedLead.status()).isEqualTo(400);
        assertThat(refusedLead.json().get("errors").findValuesAsText("field")).containsExactly("timeZone");
        assertThat(api.get("/api/contacts?email=" + email, "mark").json()).as("nothing stored").isEmpty();

        Api.Response captured = api.post("/api/leads", lead.formatted(email, "Europe/Lisbon"), "mark");
        assertThat(captured.status()).as(captured.body()).isEqualTo(201);
        assertThat(api.get("/api/contacts/" + captured.json().get("contactId").asLong(), "mark").json()
                .get("timeZone").asText()).isEqualTo("Europe/Lisbon");
    }

    private long contactOfANewDeal() {
        return api.post("/api/deals", TestDeals.requestJson("sam"), "sam").json().at("/contacts/0/id").asLong();
    }
}
