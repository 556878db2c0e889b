package io.dealflow.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.dealflow.support.AppNode;
import io.dealflow.support.TestDeals;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL restarted under a running node (README, "Running in production"): while it is down every request is
 * answered 503 application/problem+json with Retry-After within seconds, never a hang or a 500, and readiness is
 * DOWN; once it is back the same node serves again by itself. The node runs in a JVM of its own ({@link AppNode})
 * on a PostgreSQL of this test's own, stopped and started again on the same data directory and port.
 */
class DatabaseRestartOnPostgresTests {

    /** Hikari's connection-timeout is 3 s; a request must be answered well within this. */
    private static final Duration PROMPT = Duration.ofSeconds(8);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dir;

    @Test
    void requestsDuringTheOutageGet503AtOnceAndTheNodeRecoversByItself() throws Exception {
        Path data = dir.resolve("pgdata");
        int databasePort = AppNode.freePort();
        EmbeddedPostgres postgres = postgres(data, databasePort);
        try (AppNode node = AppNode.start("database-restart", AppNode.freePort(),
                postgres.getJdbcUrl("postgres", "postgres"), "--dealflow.demo-data=true")) {
            node.awaitReady(Duration.ofMinutes(4));
            assertThat(pipeline(node).statusCode()).as(node.log().toString()).isEqualTo(200);
            assertThat(openDeal(node).statusCode()).as(node.log().toString()).isEqualTo(201);

            postgres.close();
            for (int round = 0; round < 3; round++) {
                assertUnavailable(() -> pipeline(node));
                assertUnavailable(() -> openDeal(node));
                assertUnavailable(() -> get(node, "/api/deals/1", "mia"));
            }
            HttpResponse<String> readiness = get(node, "/actuator/health/readiness", null);
            assertThat(readiness.statusCode()).isEqualTo(503);
            assertThat(readiness.body()).contains("DOWN");

            postgres = postgres(data, databasePort);
            Instant back = Instant.now();
            HttpResponse<String> again = pipeline(node);
            while (again.statusCode() != 200 && Instant.now().isBefore(back.plusSeconds(30))) {
                Thread.sleep(250);
                again = pipeline(node);
            }
            assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
            assertThat(Duration.between(back, Instant.now())).isLessThan(Duration.ofSeconds(15));
            assertThat(openDeal(node).statusCode()).isEqualTo(201);
            assertThat(get(node, "/actuator/health/readiness", null).statusCode()).isEqualTo(200);
            assertThat(node.isAlive()).isTrue();
        } finally {
            postgres.close();
        }
    }

    private void assertUnavailable(Call call) throws Exception {
        Instant start = Instant.now();
        HttpResponse<String> response = call.send();
        Duration took = Duration.between(start, Instant.now());
        assertThat(took).as("answered in").isLessThan(PROMPT);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
        // nothing of the internals: no driver, pool, host or port
        assertThat(response.body()).contains("\"status\":503")
                .doesNotContainIgnoringCase("jdbc").doesNotContainIgnoringCase("hikari")
                .doesNotContainIgnoringCase("postgres").doesNotContain("localhost").doesNotContain("Exception");
    }

    private static EmbeddedPostgres postgres(Path data, int port) throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port)
                .setRegisterShutdownHook(false).start();
    }

    private HttpResponse<String> pipeline(AppNode node) throws IOException, InterruptedException {
        return get(node, "/api/pipeline", "mia");
    }

    private HttpResponse<String> openDeal(AppNode node) throws IOException, InterruptedException {
        return http.send(request(node, "/api/deals", "sam")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(TestDeals.requestJson("sam"))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(AppNode node, String path, String user) throws IOException, InterruptedException {
        return http.send(request(node, path, user).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(AppNode node, String path, String user) {
        HttpRequest.Builder request = HttpRequest.newBuilder(node.url(path)).timeout(Duration.ofSeconds(30));
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
        }
        return request;
    }

    private interface Call {
        HttpResponse<String> send() throws Exception;
    }
}
