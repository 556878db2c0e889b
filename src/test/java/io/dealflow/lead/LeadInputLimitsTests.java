package io.dealflow.lead;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealflow.support.Api;
import io.dealflow.support.OnH2;
import io.dealflow.support.StoredCounts;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.unit.DataSize;

/** Issue 9, part 6: bodies are bounded (413) and lead JSON is typed strictly (400 naming the field). */
@OnH2
class LeadInputLimitsTests {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ImportJob importJob;
    @Value("${dealflow.leads.import.max-size}")
    DataSize importLimit;
    @Value("${dealflow.api.max-body-size}")
    DataSize jsonLimit;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    @Test
    void aCsvFileOverTheLimitIsRefusedWithoutStoringARow() {
        StoredCounts before = StoredCounts.of(jdbc);

        Api.Response response = api.post("/api/leads/import", csvOver(importLimit), "text/csv", "mark");

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(StoredCounts.of(jdbc)).isEqualTo(before);
    }

    /** Without a Content-Length the limit is found while reading: still 413, and the rows before it are not kept. */
    @Test
    void aChunkedCsvFileOverTheLimitIsRefusedWithoutStoringARow() throws Exception {
        StoredCounts before = StoredCounts.of(jdbc);
        byte[] csv = csvOver(importLimit).getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/leads/import"))
                .header("Content-Type", "text/csv")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("mark:mark".getBytes()))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(csv))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(StoredCounts.of(jdbc)).isEqualTo(before);
    }

    /** PostgreSQL cannot store NUL in text: the row is reported, not a failure of the whole import. */
    @Test
    void aCsvRowWithANulCharacterIsRejected() {
        String email = "nul-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        JsonNode report = ImportRun.imported(api, importJob, "",
                "email,first_name,consent,consent_source\n" + email + ",Da\u0000na,yes,fair\n", "mark");

        assertThat(report.at("/rejectedRows/0/field").asText()).isEqualTo("firstName");
        assertThat(report.at("/rejectedRows/0/column").asText()).isEqualTo("first_name");
        assertThat(report.get("created").asInt()).isZero();
    }

    @Test
    void aJsonBodyOverTheLimitIsRefused() {
        String padding = "x".repeat((int) jsonLimit.toBytes());
        Api.Response response = api.post("/api/leads", "{\"email\": \"big@example.com\", \"source\": \"" + padding + "\"}", "mark");

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    static Stream<Arguments> looselyTyped() {
        return Stream.of(
                Arguments.of("\"email\": 5", "email"),
                Arguments.of("\"firstName\": 123", "firstName"),
                Arguments.of("\"company\": true", "company"),
                Arguments.of("\"consent\": {\"marketing\": \"yes\", \"source\": \"webform\", \"text\": \"I agree\"}",
                        "consent.marketing"),
                Arguments.of("\"consent\": {\"marketing\": 1, \"source\": \"webform\", \"text\": \"I agree\"}",
                        "consent.marketing"),
                Arguments.of("\"answers\": {\"employees\": \"250\"}", "answers.employees"),
                Arguments.of("\"answers\": {\"employees\": 2.5}", "answers.employees"),
                Arguments.of("\"answers\": {\"budget\": \"true\"}", "answers.budget"),
                Arguments.of("\"jobTitle\": \"" + "j".repeat(151) + "\"", "jobTitle"),
                Arguments.of("\"source\": \"" + "s".repeat(101) + "\"", "source"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("looselyTyped")
    void aLeadFieldOfTheWrongTypeOrLengthIsA400NamingIt(String field, String name) {
        String email = "strict-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String body = """
                {"email": "%s", "firstName": "Lee",
                 "consent": {"marketing": true, "source": "webform", "text": "I agree"},
                 %s}""".formatted(email, field); // a repeated key wins over the first
        StoredCounts before = StoredCounts.of(jdbc);

        Api.Response response = api.post("/api/leads", body, "mark");

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        JsonNode problem = response.json();
        assertThat(problem.get("errors")).anySatisfy(error -> assertThat(error.get("field").asText()).isEqualTo(name));
        assertThat(StoredCounts.of(jdbc)).isEqualTo(before);
    }

    /** Valid rows with unique addresses, just over the limit. */
    private static String csvOver(DataSize limit) {
        StringBuilder csv = new StringBuilder("email,first_name,consent,consent_source\n");
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (int row = 0; csv.length() <= limit.toBytes(); row++) {
            csv.append("row").append(row).append('-').append(run).append("@example.com,Row,yes,fair\n");
        }
        return csv.toString();
    }
}
