package io.dealflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.dealflow.support.OnH2;
import io.dealflow.support.PublicClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * The rate limit of the pages without login, with a limit small enough to reach: its own Spring context and
 * database, so that the other tests (which post the public pages far more often) keep their high limit, and its
 * own JVM (the surefire execution own-context-tests in pom.xml), away from the shared context's web apps.
 */
@OnH2
@TestPropertySource(properties = {"dealflow.public.rate-limit.requests=3", "dealflow.public.rate-limit.window=PT1M",
        "spring.datasource.url=jdbc:h2:mem:dealflow-rate-limit;DB_CLOSE_DELAY=-1",
        // an engine of its own: under the name "default" it would take the place of the shared context's engine
        // in Camunda's static registry, where the web apps of the other tests look theirs up
        "camunda.bpm.process-engine-name=rateLimitTest", "camunda.bpm.generate-unique-process-engine-name=false"})
@DirtiesContext
class PublicRateLimitTests {

    @LocalServerPort
    int port;

    @Test
    void oneAddressPostingTooOftenIsRefusedWithRetryAfterAndAnotherIsNot() {
        PublicClient flooding = new PublicClient("127.0.0.2", port);
        PublicClient neighbour = new PublicClient("127.0.0.1", port);

        for (int i = 0; i < 3; i++) {
            assertThat(flooding.post("/api/unsubscribe/nobody-has-this", "List-Unsubscribe=One-Click").status())
                    .isEqualTo(404);
        }
        for (String path : new String[] {"/api/unsubscribe/nobody-has-this", "/lead-form/confirm/nobody-has-this"}) {
            PublicClient.Response refused = flooding.get(path);
            assertThat(refused.status()).as(path).isEqualTo(429);
            assertThat(Integer.parseInt(refused.header("Retry-After").orElseThrow())).isBetween(1, 60);
        }
        PublicClient.Response form = flooding.post("/lead-form", "email=bot%40flood.example&consent=true");
        assertThat(form.status()).isEqualTo(429);
        assertThat(form.header("Retry-After")).isPresent();
        assertThat(flooding.get("/lead-form").status()).as("showing the form is not counted").isEqualTo(200);

        assertThat(neighbour.get("/api/unsubscribe/nobody-has-this").status()).isEqualTo(404);
        assertThat(neighbour.get("/lead-form/confirm/nobody-has-this").status()).isEqualTo(404);
        assertThat(neighbour.post("/lead-form", "email=not-an-email").status()).isEqualTo(400);
    }
}
