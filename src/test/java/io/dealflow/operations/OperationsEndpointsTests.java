package io.dealflow.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealflow.support.Api;
import io.dealflow.support.OnH2;
import io.dealflow.support.TestDeals;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Health probes for a load balancer, details and metrics for management; SMTP down is a warning, not DOWN. */
@OnH2
class OperationsEndpointsTests {

    @LocalServerPort
    int port;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    @Test
    void theProbesAnswerWithoutLoginAndShowNoDetails() {
        for (String probe : new String[] {"/actuator/health/liveness", "/actuator/health/readiness"}) {
            Api.Response answer = api.get(probe, null);
            assertThat(answer.status()).as(probe).isEqualTo(200);
            assertThat(answer.json().get("status").asText()).as(probe).isEqualTo("UP");
        }
        Api.Response health = api.get("/actuator/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().has("components")).isFalse();
    }

    @Test
    void managementSeesAnSmtpServerThatDoesNotAnswerAsAWarningNotAFailure() {
        // the tests' SMTP server (GreenMail on port 3025) runs only while a follow-up test sends
        JsonNode health = api.get("/actuator/health", "mia").json();

        assertThat(health.get("status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/db/status").asText()).isEqualTo("UP");
        JsonNode smtp = health.at("/components/smtp");
        assertThat(smtp.get("status").asText()).isEqualTo("UP");
        assertThat(smtp.at("/details/configured").asBoolean()).isTrue();
        assertThat(smtp.at("/details/reachable").asBoolean()).isFalse();
        assertThat(smtp.at("/details/warning").asText()).contains("retried");
        assertThat(api.get("/actuator/health", "sam").json().has("components")).isFalse();
    }

    @Test
    void theEmailTaskBacklogCountsAConfirmationWaitingToBeSent() {
        long before = metric("dealflow.email-tasks.waiting");

        api.post("/api/deals", TestDeals.requestJson("sam"), "sam");

        // the meeting confirmation is an email task; the tests drive the email worker themselves, so it waits
        assertThat(metric("dealflow.email-tasks.waiting")).isEqualTo(before + 1);
        for (String name : new String[] {"dealflow.jobs.due", "dealflow.jobs.failed", "dealflow.email-tasks.failed",
                "dealflow.outbox.pending", "dealflow.outbox.failed"}) {
            assertThat(metric(name)).as(name).isNotNegative();
        }
    }

    @Test
    void metricsAreForManagementOnly() {
        assertThat(api.get("/actuator/metrics/dealflow.jobs.due", null).status()).isEqualTo(401);
        Api.Response rep = api.get("/actuator/metrics/dealflow.jobs.due", "sam");
        assertThat(rep.status()).isEqualTo(403);
        assertThat(rep.contentType()).startsWith("application/problem+json");
        assertThat(api.get("/actuator/metrics/dealflow.jobs.due", "mark").status()).isEqualTo(403);
        assertThat(api.get("/actuator/metrics/dealflow.jobs.due", "demo").status()).isEqualTo(200);
    }

    private long metric(String name) {
        Api.Response answer = api.get("/actuator/metrics/" + name, "mia");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json().at("/measurements/0/value").asLong();
    }
}
