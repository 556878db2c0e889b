package io.dealflow.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dealflow.support.AppNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two nodes on one database behind a load balancer that is not sticky (README, "Running in production"): a login
 * to the web apps on node A holds on node B, since the HTTP session lives in the database (Spring Session JDBC).
 * The login still rotates the session id (no session fixation), and a logout on one node ends the session on both.
 * Cookies are handled by hand here, as a browser would send them to whichever node the balancer picks.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebappLoginAcrossNodesOnPostgresTests {

    private static final String AUTH = "/camunda/api/admin/auth/user/default";
    private static final String ENGINES = "/camunda/api/engine/engine/";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private EmbeddedPostgres postgres;
    private AppNode a;
    private AppNode b;

    @BeforeAll
    void twoNodes() throws Exception {
        postgres = EmbeddedPostgres.builder().setRegisterShutdownHook(false).start();
        String url = postgres.getJdbcUrl("postgres", "postgres");
        // one after the other: the first creates the schemas and the demo users
        a = AppNode.start("login-node-a", AppNode.freePort(), url, "--dealflow.demo-data=true")
                .awaitReady(Duration.ofMinutes(4));
        b = AppNode.start("login-node-b", AppNode.freePort(), url, "--dealflow.demo-data=true")
                .awaitReady(Duration.ofMinutes(4));
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (b != null) {
                b.close();
            }
            if (a != null) {
                a.close();
            }
        } finally {
            postgres.close();
        }
    }

    @Test
    void aLoginOnOneNodeHoldsOnTheOtherUntilLogout() throws Exception {
        // the login page first asks for the engines: a session and its CSRF token
        HttpResponse<String> before = send(a, "GET", ENGINES, null, null);
        String anonymousSession = cookie(before, "JSESSIONID").orElseThrow();
        String token = before.headers().firstValue("X-XSRF-TOKEN").orElseThrow();

        HttpResponse<String> login = send(a, "POST", AUTH + "/login/tasklist", anonymousSession, token);
        assertThat(login.statusCode()).as(login.body() + "; see " + a.log()).isEqualTo(200);
        String session = cookie(login, "JSESSIONID").orElseThrow(() -> new AssertionError(
                "the login must hand out a new session id: " + login.headers().map()));
        assertThat(session).as("session id rotated at login").isNotEqualTo(anonymousSession);

        // node B knows the login
        HttpResponse<String> user = send(b, "GET", AUTH, session, null);
        assertThat(user.statusCode()).as(user.body() + "; see " + b.log()).isEqualTo(200);
        assertThat(new ObjectMapper().readTree(user.body()).get("userId").asText()).isEqualTo("sam");
        // the first request of the new session gets its CSRF token (login rotated the session, and the token with it)
        String sessionToken = user.headers().firstValue("X-XSRF-TOKEN").orElseThrow();
        HttpResponse<String> count = send(b, "GET", "/camunda/api/engine/engine/default/task/count", session, null);
        assertThat(count.statusCode()).as(count.body()).isEqualTo(200);
        assertThat(count.body()).contains("count");
        // the session id from before the login is worth nothing, on either node
        assertThat(send(b, "GET", AUTH, anonymousSession, null).statusCode()).isNotEqualTo(200);
        assertThat(send(a, "GET", AUTH, anonymousSession, null).statusCode()).isNotEqualTo(200);

        // a write on node A with the token node B handed out: the token is in the shared session too
        assertThat(sessionToken).isNotEqualTo(token);
        HttpResponse<String> logout = send(a, "POST", AUTH + "/logout", session, sessionToken);
        assertThat(logout.statusCode()).as(logout.body()).isBetween(200, 204);

        // logged out on both
        assertThat(send(a, "GET", AUTH, session, null).statusCode()).isNotEqualTo(200);
        assertThat(send(b, "GET", AUTH, session, null).statusCode()).isNotEqualTo(200);
    }

    /**
     * A request to {@code node} with the session cookie and the CSRF token (cookie and header) if given; a POST
     * carries sam's login form.
     */
    private HttpResponse<String> send(AppNode node, String method, String path, String session, String token)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(node.url(path)).timeout(Duration.ofSeconds(20))
                .header("Accept", "application/json");
        if ("POST".equals(method)) {
            request.header("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8")
                    .POST(HttpRequest.BodyPublishers.ofString("username=sam&password=sam"));
        } else {
            request.GET();
        }
        StringBuilder cookies = new StringBuilder();
        if (session != null) {
            cookies.append("JSESSIONID=").append(session);
        }
        if (token != null) {
            cookies.append(cookies.isEmpty() ? "" : "; ").append("XSRF-TOKEN=").append(token);
            request.header("X-XSRF-TOKEN", token);
        }
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.toString());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Optional<String> cookie(HttpResponse<?> response, String name) {
        List<String> cookies = response.headers().allValues("Set-Cookie");
        return cookies.stream().filter(cookie -> cookie.startsWith(name + "="))
                .map(cookie -> cookie.substring(name.length() + 1).split(";", 2)[0])
                .filter(value -> !value.isEmpty())
                .reduce((first, last) -> last);
    }
}
