package io.dealflow.production;

import static io.dealflow.support.FromAddress.basic;
import static org.assertj.core.api.Assertions.assertThat;

import io.dealflow.DealflowApplication;
import io.dealflow.support.FromAddress;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9, part 5: the app started as an operator would, with the prod profile, in a JVM of its own (one process
 * engine and one set of web apps per JVM). Only the database is swapped for an in-memory one.
 */
class ProductionStartTests {

    private static final String ADMIN = "boss";
    private static final String ADMIN_PASSWORD = "a-long-admin-secret";

    @TempDir
    Path workDir;

    @Test
    void refusesToStartWithoutItsSettingsAndNamesThem() throws Exception {
        Process app = start(Map.of(), List.of(), 0);
        assertThat(app.waitFor(3, TimeUnit.MINUTES)).as("the app exits").isTrue();

        String output = Files.readString(workDir.resolve("out.log"));
        assertThat(app.exitValue()).isNotZero();
        assertThat(output).contains("APPLICATION FAILED TO START").contains("DEALFLOW_ADMIN_USER")
                .contains("DEALFLOW_ADMIN_PASSWORD").contains("dealflow.public-url").contains("POSTGRES_PASSWORD");
        assertThat(output).doesNotContain("Tomcat started");
    }

    @Test
    void startsWithThemWithOnlyTheAdministratorAndNoDemoData() throws Exception {
        int port = freePort();
        Process app = start(Map.of("DEALFLOW_ADMIN_USER", ADMIN, "DEALFLOW_ADMIN_PASSWORD", ADMIN_PASSWORD),
                List.of("--dealflow.public-url=https://deals.example", "--spring.datasource.password=db-secret"), port);
        try {
            FromAddress client = new FromAddress("127.0.0.1", port);
            awaitUp(client, app);

            assertThat(client.get("/engine-rest/process-instance/count", basic(ADMIN, ADMIN_PASSWORD)).body())
                    .isEqualTo("{\"count\":0}");
            assertThat(client.get("/engine-rest/user?id=demo", basic(ADMIN, ADMIN_PASSWORD)).body()).isEqualTo("[]");
            assertThat(client.get("/api/pipeline", basic(ADMIN, ADMIN_PASSWORD)).status()).isEqualTo(200);
            assertThat(client.get("/api/pipeline", basic("demo", "demo")).status()).isEqualTo(401);

            // an administrator exists, so Camunda's first-run setup cannot create another
            FromAddress.Response setup = client.webappPost("/camunda/api/admin/setup/default/user/create",
                    "application/json", "{\"profile\": {\"id\": \"intruder\", \"firstName\": \"I\", \"lastName\": \"N\","
                            + " \"email\": \"i@example.com\"}, \"credentials\": {\"password\": \"intruder-secret\"}}");
            assertThat(setup.status()).isEqualTo(403);
            assertThat(client.get("/engine-rest/user?id=intruder", basic(ADMIN, ADMIN_PASSWORD)).body()).isEqualTo("[]");

            // behind the proxy (loopback is a trusted one), the throttle counts the client the proxy names
            Map<String, String> wrongViaProxy = Map.of("Authorization", basic(ADMIN, "wrong"),
                    "X-Forwarded-For", "203.0.113.9");
            for (int i = 0; i < 5; i++) {
                assertThat(client.send("GET /api/pipeline", wrongViaProxy, "").status()).isEqualTo(401);
            }
            assertThat(client.send("GET /api/pipeline", Map.of("Authorization", basic(ADMIN, ADMIN_PASSWORD),
                    "X-Forwarded-For", "203.0.113.9"), "").status()).isEqualTo(429);
            assertThat(client.get("/api/pipeline", basic(ADMIN, ADMIN_PASSWORD)).status()).isEqualTo(200);

            FromAddress.Response login = client.webappLogin("cockpit", ADMIN, ADMIN_PASSWORD);
            assertThat(login.status()).isEqualTo(200);
            assertThat(login.setCookies()).filteredOn(cookie -> cookie.startsWith("JSESSIONID=")).isNotEmpty()
                    .allSatisfy(cookie -> assertThat(cookie).contains("Secure").contains("HttpOnly"));
        } finally {
            app.destroy();
            app.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private Process start(Map<String, String> env, List<String> args, int port) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx768m",
                "-cp", System.getProperty("java.class.path"), DealflowApplication.class.getName(),
                "--spring.profiles.active=prod",
                "--server.port=" + port,
                "--spring.datasource.url=jdbc:h2:mem:prod-start;DB_CLOSE_DELAY=-1",
                "--camunda.bpm.job-execution.enabled=false"));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(workDir.resolve("out.log").toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("DEALFLOW_") || name.startsWith("POSTGRES_")
                || name.startsWith("SPRING_"));
        builder.environment().putAll(env);
        return builder.start();
    }

    private void awaitUp(FromAddress client, Process app) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            assertThat(app.isAlive()).as("the app is running: " + tail()).isTrue();
            if (Files.readString(workDir.resolve("out.log")).contains("Started DealflowApplication")) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the app did not start: " + tail());
    }

    private String tail() throws IOException {
        String output = Files.readString(workDir.resolve("out.log"));
        return output.substring(Math.max(0, output.length() - 4000));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
