package io.dealflow.deal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dealflow.support.OnH2;
import io.dealflow.support.TestDeals;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Deal openings that meet each other: two reps (or a double-clicked booking page) opening deals for the same new
 * company at once, and a client retrying a request whose answer it lost, with an Idempotency-Key.
 */
@OnH2
class DealOpeningRetriesTests {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void concurrentOpeningsForOneNewCompanyEachGetTheirDealWithOneCompany() throws Exception {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        int openings = 8;
        ExecutorService pool = Executors.newFixedThreadPool(openings);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < openings; i++) {
                String body = TestDeals.requestJson("sam")
                        .replaceAll("Acme-[0-9a-f]{8}\\.example/", "Shared-" + unique + ".example/")
                        .replace("Dana@", "Dana" + i + "@").replace("lee@", "lee" + i + "@");
                answers.add(pool.submit(() -> {
                    start.await();
                    return post(body, "sam", null);
                }));
            }
            start.countDown();
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get();
                assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            }
        } finally {
            pool.shutdownNow();
        }
        String domain = "shared-" + unique + ".example";
        assertThat(jdbc.queryForObject("select count(*) from company where domain = ?", Long.class, domain)).isOne();
        assertThat(jdbc.queryForObject("select count(*) from deal d join company c on c.id = d.company_id "
                + "where c.domain = ? and d.process_instance_id is not null", Long.class, domain)).isEqualTo(openings);
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyAnswersTheFirstDeal() throws Exception {
        String body = TestDeals.requestJson("sam");
        String key = UUID.randomUUID().toString();
        long dealsBefore = jdbc.queryForObject("select count(*) from deal", Long.class);

        HttpResponse<String> first = post(body, "sam", key);
        HttpResponse<String> again = post(body, "sam", key);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(201);
        JsonNode firstDeal = json.readTree(first.body());
        assertThat(json.readTree(again.body()).get("id")).isEqualTo(firstDeal.get("id"));
        assertThat(again.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
        assertThat(jdbc.queryForObject("select count(*) from deal", Long.class)).isEqualTo(dealsBefore + 1);

        // the same key for another request is a client error, not a replay; another user's key is their own
        HttpResponse<String> other = post(TestDeals.requestJson("sam"), "sam", key);
        assertThat(other.statusCode()).isEqualTo(422);
        assertThat(other.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(other.body()).contains("Idempotency-Key");
        HttpResponse<String> mias = post(body, "mia", key);
        assertThat(mias.statusCode()).isEqualTo(201);
        assertThat(json.readTree(mias.body()).get("id")).isNotEqualTo(firstDeal.get("id"));
    }

    @Test
    void concurrentRetriesWithOneKeyOpenOneDeal() throws Exception {
        String body = TestDeals.requestJson("sam");
        String key = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return post(body, "sam", key);
                }));
            }
            start.countDown();
            List<JsonNode> ids = new ArrayList<>();
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get();
                assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
                ids.add(json.readTree(response.body()).get("id"));
            }
            assertThat(ids).containsOnly(ids.get(0));
        } finally {
            pool.shutdownNow();
        }
    }

    private HttpResponse<String> post(String body, String user, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/deals"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
