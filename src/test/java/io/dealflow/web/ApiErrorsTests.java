package io.dealflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.dealflow.support.Api;
import io.dealflow.support.OnH2;
import io.dealflow.support.TasklistSession;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Issue 9, part 5: every error of /api is application/problem+json, whoever answers it. */
@OnH2
class ApiErrorsTests {

    private static final String PROBLEM = "application/problem+json";

    @LocalServerPort
    int port;
    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    @Test
    void noLoginIs401ProblemWithBasicChallenge() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/deals/1")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith(PROBLEM));
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"dealflow\"");
        assertThat(response.body()).contains("\"status\":401");
    }

    @Test
    void unknownPathIs404Problem() {
        Api.Response response = api.get("/api/deals/1/no-such-thing", "mia");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith(PROBLEM);
    }

    @Test
    void wrongMethodIs405Problem() {
        Api.Response response = api.delete("/api/pipeline", "mia");

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.contentType()).startsWith(PROBLEM);
    }

    @Test
    void wrongMediaTypeIs415Problem() {
        Api.Response response = api.post("/api/deals", "title=x", "application/x-www-form-urlencoded", "mia");

        assertThat(response.status()).isEqualTo(415);
        assertThat(response.contentType()).startsWith(PROBLEM);
    }

    /** The Cockpit plugin reads /api with the Cockpit session; a write needs HTTP Basic, CSRF token or not. */
    @Test
    void aWebappSessionCookieAloneCannotWrite() {
        TasklistSession cockpit = new TasklistSession(port);
        assertThat(cockpit.login("cockpit", "mia", "mia").status()).isEqualTo(200);
        assertThat(cockpit.get("/api/pipeline", "application/json").status()).isEqualTo(200);

        TasklistSession.Response write = cockpit.post("/api/leads", "{\"email\": \"cookie@example.com\"}",
                "application/json");

        assertThat(write.status()).isEqualTo(401);
        assertThat(write.contentType()).startsWith(PROBLEM);
    }
}
