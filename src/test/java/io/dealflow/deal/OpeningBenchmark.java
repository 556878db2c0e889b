package io.dealflow.deal;

import io.dealflow.DealflowApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Benchmark (not a test: surefire ignores it) of opening a deal over HTTP against the floor: the bare engine
 * starting a one-user-task process, through the same app, database and HTTP stack (Spring Security, HTTP Basic,
 * the login throttle), at the same number of connections, alternated in one run so both see the same machine.
 *
 * <p>Run it with (see BENCHMARKS.md, "Opening a deal"):
 * <pre>
 * MAVEN_OPTS="-Xmx2g" ./mvnw -q test-compile exec:java \
 *     -Dexec.mainClass=io.dealflow.deal.OpeningBenchmark -Dexec.classpathScope=test
 * </pre>
 *
 * <p>Each deal opening is for a new company and a new contact with a meeting time, as a booking is; the job
 * executor runs (the meeting confirmation is worked as in production, kept without SMTP). System properties:
 * {@code bench.db} {@code file} (H2 file under target/, deleted afterwards, default) or {@code postgres} (embedded
 * PostgreSQL);
 * {@code bench.connections} 4; {@code bench.rounds} 5 and {@code bench.roundSeconds} 10 per kind and round;
 * {@code bench.warmup} 400 requests of each kind; {@code bench.sharedCompany} false (true: every opening for
 * the same company, to show whether openings queue behind each other). On PostgreSQL it also counts the SQL
 * statements of one opening and of one floor start (from {@code pg_stat_statements}).
 */
public final class OpeningBenchmark {

    private static final String FLOOR_MODEL = """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="floor-definitions"
                targetNamespace="http://dealflow.io/benchmark">
              <bpmn:process id="floor" name="Floor" isExecutable="true" camunda:historyTimeToLive="P1D">
                <bpmn:startEvent id="Start"><bpmn:outgoing>ToTask</bpmn:outgoing></bpmn:startEvent>
                <bpmn:sequenceFlow id="ToTask" sourceRef="Start" targetRef="Task" />
                <bpmn:userTask id="Task" name="Task done" camunda:assignee="demo">
                  <bpmn:incoming>ToTask</bpmn:incoming><bpmn:outgoing>ToEnd</bpmn:outgoing></bpmn:userTask>
                <bpmn:sequenceFlow id="ToEnd" sourceRef="Task" targetRef="End" />
                <bpmn:endEvent id="End"><bpmn:incoming>ToEnd</bpmn:incoming></bpmn:endEvent>
              </bpmn:process>
            </bpmn:definitions>
            """;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String base;
    private final String auth = "Basic " + Base64.getEncoder().encodeToString("demo:demo".getBytes(StandardCharsets.UTF_8));
    private final boolean sharedCompany = Boolean.getBoolean("bench.sharedCompany");
    private final AtomicLong sequence = new AtomicLong();

    private OpeningBenchmark(String base) {
        this.base = base;
    }

    public static void main(String[] args) throws Exception {
        String db = System.getProperty("bench.db", "file");
        boolean postgres = "postgres".equals(db);
        int connections = Integer.getInteger("bench.connections", 4);
        int rounds = Integer.getInteger("bench.rounds", 5);
        int roundSeconds = Integer.getInteger("bench.roundSeconds", 10);
        int warmup = Integer.getInteger("bench.warmup", 400);

        Path dbDir = Files.createDirectories(Path.of("target", "opening-benchmark"))
                .resolve("h2-" + System.currentTimeMillis()).toAbsolutePath();
        List<String> settings = new ArrayList<>(List.of("--server.port=0", "--dealflow.demo-data=false",
                "--camunda.bpm.job-execution.enabled=true", "--logging.level.root=WARN",
                // no SMTP server: the confirmations are kept, as on a machine without one
                "--spring.autoconfigure.exclude=org.springframework.boot.autoconfigure.mail.MailSenderAutoConfiguration"));
        if (!postgres) {
            settings.add("--spring.datasource.url=jdbc:h2:file:" + dbDir.resolve("dealflow"));
        }
        if (postgres) {
            // read by EmbeddedPostgresConfig: the server loads the statement statistics at start
            System.setProperty("dealflow.embedded-postgres.pg-stat-statements", "true");
        }
        ConfigurableApplicationContext app = new SpringApplicationBuilder(DealflowApplication.class)
                .profiles(postgres ? new String[]{"test", "postgres", "postgres-embedded"} : new String[]{"test"})
                .web(WebApplicationType.SERVLET)
                .run(settings.toArray(String[]::new));
        try {
            String base = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
            System.out.printf("Opening benchmark: %s, %d connections, %d rounds of %d s per kind, %s company%n",
                    postgres ? "embedded PostgreSQL" : "H2 file", connections, rounds, roundSeconds,
                    Boolean.getBoolean("bench.sharedCompany") ? "one shared" : "a new");
            System.out.printf("JVM %s %s, %d cores, max heap %d MB%n", System.getProperty("java.vm.name"),
                    System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().maxMemory() >> 20);
            new OpeningBenchmark(base).run(app, postgres, connections, rounds, roundSeconds, warmup);
        } finally {
            app.close();
            FileSystemUtils.deleteRecursively(dbDir); // each run's H2 file, hundreds of megabytes
        }
    }

    private void run(ConfigurableApplicationContext app, boolean postgres, int connections, int rounds,
                     int roundSeconds, int warmup) throws Exception {
        deployFloor();
        check(post("/api/deals", dealBody()), 201);
        check(post("/engine-rest/process-definition/key/floor/start", "{}"), 200);
        load(connections, warmup, this::floorStart);
        load(connections, warmup, this::dealOpening);

        List<Long> floor = Collections.synchronizedList(new ArrayList<>());
        List<Long> deals = Collections.synchronizedList(new ArrayList<>());
        double floorSeconds = 0;
        double dealSeconds = 0;
        for (int round = 1; round <= rounds; round++) {
            Result f = timed(connections, roundSeconds, this::floorStart);
            Result d = timed(connections, roundSeconds, this::dealOpening);
            floor.addAll(f.latencies());
            deals.addAll(d.latencies());
            floorSeconds += f.seconds();
            dealSeconds += d.seconds();
            System.out.printf("round %d: floor %6.1f/s p99 %5.1f ms | deals %6.1f/s p99 %5.1f ms | ratio %.2f%n",
                    round, f.rate(), percentile(f.latencies(), 99), d.rate(), percentile(d.latencies(), 99),
                    d.rate() / f.rate());
        }
        double floorRate = floor.size() / floorSeconds;
        double dealRate = deals.size() / dealSeconds;
        System.out.printf("%nfloor (start -> one user task): %7.1f/s  p50 %5.1f  p90 %5.1f  p99 %5.1f ms (%d)%n",
                floorRate, percentile(floor, 50), percentile(floor, 90), percentile(floor, 99), floor.size());
        System.out.printf("deal opening (POST /api/deals): %7.1f/s  p50 %5.1f  p90 %5.1f  p99 %5.1f ms (%d)%n",
                dealRate, percentile(deals, 50), percentile(deals, 90), percentile(deals, 99), deals.size());
        System.out.printf("ratio deal/floor: %.2f%n", dealRate / floorRate);
        if (postgres) {
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            jdbc.execute("create extension if not exists pg_stat_statements");
            System.out.printf("SQL statements per floor start: %.1f%n", statementsPer(jdbc, 50, this::floorStart));
            System.out.printf("SQL statements per deal opening: %.1f%n", statementsPer(jdbc, 50, this::dealOpening));
        }
    }

    /** Statements the database ran for {@code n} requests, divided by n (background work included). */
    private double statementsPer(JdbcTemplate jdbc, int n, IntFunction<HttpResponse<String>> request) {
        String total = "select coalesce(sum(calls), 0) from pg_stat_statements";
        jdbc.execute("select pg_stat_statements_reset()");
        long before = jdbc.queryForObject(total, Long.class);
        for (int i = 0; i < n; i++) {
            request.apply(i);
        }
        long after = jdbc.queryForObject(total, Long.class);
        int top = Integer.getInteger("bench.topStatements", 0);
        if (top > 0) {
            jdbc.query("select calls, regexp_replace(query, '\\s+', ' ', 'g') from pg_stat_statements"
                    + " order by calls desc limit " + top, row -> {
                        String query = row.getString(2);
                        System.out.printf("  %5.2f  %s%n", row.getLong(1) / (double) n,
                                query.length() > 150 ? query.substring(0, 150) + "…" : query);
                    });
        }
        return (after - before - 1) / (double) n;
    }

    private record Result(List<Long> latencies, double seconds) {
        double rate() {
            return latencies.size() / seconds;
        }
    }

    private Result timed(int connections, int seconds, IntFunction<HttpResponse<String>> request)
            throws InterruptedException {
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        Instant end = Instant.now().plusSeconds(seconds);
        long started = System.nanoTime();
        CountDownLatch done = new CountDownLatch(connections);
        for (int c = 0; c < connections; c++) {
            new Thread(() -> {
                try {
                    for (int i = 0; Instant.now().isBefore(end); i++) {
                        long t = System.nanoTime();
                        request.apply(i);
                        latencies.add(System.nanoTime() - t);
                    }
                } finally {
                    done.countDown();
                }
            }).start();
        }
        done.await();
        return new Result(latencies, (System.nanoTime() - started) / 1e9);
    }

    private void load(int connections, int total, IntFunction<HttpResponse<String>> request)
            throws InterruptedException {
        CountDownLatch done = new CountDownLatch(connections);
        for (int c = 0; c < connections; c++) {
            new Thread(() -> {
                try {
                    for (int i = 0; i < total / connections; i++) {
                        request.apply(i);
                    }
                } finally {
                    done.countDown();
                }
            }).start();
        }
        done.await();
    }

    private HttpResponse<String> floorStart(int i) {
        return check(post("/engine-rest/process-definition/key/floor/start", "{}"), 200);
    }

    private HttpResponse<String> dealOpening(int i) {
        return check(post("/api/deals", dealBody()), 201);
    }

    private String dealBody() {
        long n = sequence.incrementAndGet();
        return dealBody(n, sharedCompany ? "shared" : "c" + n + "-" + UUID.randomUUID().toString().substring(0, 8));
    }

    /** A POST /api/deals body as the benchmarks send it: opening {@code n} for {@code company}, a meeting booked. */
    public static String dealBody(long n, String company) {
        return """
                {"title": "Onboarding %1$d", "company": {"name": "Company %2$s", "domain": "%2$s.example"},
                 "contacts": [{"email": "dana%1$d@%2$s.example", "firstName": "Dana", "lastName": "Buyer",
                               "role": "DECISION_MAKER"}],
                 "monthlyValue": {"amount": 1250.50, "currency": "EUR"}, "owner": "sam",
                 "meetingAt": "%3$s"}
                """.formatted(n, company, Instant.now().plus(Duration.ofDays(3)).truncatedTo(
                java.time.temporal.ChronoUnit.SECONDS));
    }

    private void deployFloor() throws Exception {
        String boundary = "----floor" + UUID.randomUUID();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nfloor\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"floor.bpmn\"; filename=\"floor.bpmn\"\r\n"
                + "Content-Type: application/xml\r\n\r\n" + FLOOR_MODEL + "\r\n--" + boundary + "--\r\n";
        check(http.send(HttpRequest.newBuilder(URI.create(base + "/engine-rest/deployment/create"))
                .header("Authorization", auth)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()), 200);
    }

    private HttpResponse<String> post(String path, String json) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Authorization", auth)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> check(HttpResponse<String> response, int expected) {
        if (response.statusCode() != expected) {
            throw new IllegalStateException(response.request().uri() + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response;
    }

    /** The p-th percentile of latencies in nanoseconds, in milliseconds (NaN for none). */
    public static double percentile(List<Long> nanos, int p) {
        List<Long> sorted;
        synchronized (nanos) {
            sorted = new ArrayList<>(nanos);
        }
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index)) / 1e6;
    }

    static {
        Locale.setDefault(Locale.ROOT);
    }
}
