package io.dealflow.contact;

import io.dealflow.support.OnH2;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealflow.support.Api;
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

    private long contactOfANewDeal() {
        return api.post("/api/deals", TestDeals.requestJson("sam"), "sam").json().at("/contacts/0/id").asLong();
    }
}
