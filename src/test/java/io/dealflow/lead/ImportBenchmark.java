package io.dealflow.lead;

import io.dealflow.DealflowApplication;
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

/**
 * Benchmark (not a test: surefire ignores it) of a large lead import: POST /api/leads/import of {@code bench.rows}
 * new leads (a fifth of them sales-qualified, the rest nurtured), the time to the 202, then the time the
 * background job takes to run them all. Run it with (see BENCHMARKS.md):
 * <pre>
 * ./mvnw -o -q test-compile exec:java -Dexec.mainClass=io.dealflow.lead.ImportBenchmark \
 *     -Dexec.classpathScope=test -Dbench.rows=10000
 * </pre>
 * System properties: {@code bench.rows} (10000), {@code bench.batch} (the batch size, 100), {@code bench.db}
 * ({@code file}: H2 in a file under target/import-benchmark, as the app runs; {@code mem}).
 */
public final class ImportBenchmark {

    private ImportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rows = Integer.getInteger("bench.rows", 10_000);
        int batch = Integer.getInteger("bench.batch", 100);
        Path dir = Files.createDirectories(Paths.get("target", "import-benchmark"))
                .resolve("h2-" + System.currentTimeMillis()).toAbsolutePath();
        String url = "mem".equals(System.getProperty("bench.db", "file"))
                ? "jdbc:h2:mem:import-benchmark;DB_CLOSE_DELAY=-1;QUERY_CACHE_SIZE=256"
                : "jdbc:h2:file:" + dir.resolve("dealflow") + ";QUERY_CACHE_SIZE=256"; // as the app's default
        System.out.printf("Import benchmark: %d rows, batches of %d, %d workers, %s; %d cores%n", rows, batch,
                Integer.getInteger("bench.workers", 2), url,
                Runtime.getRuntime().availableProcessors());
        ConfigurableApplicationContext app = new SpringApplicationBuilder(DealflowApplication.class)
                .profiles("test").web(WebApplicationType.SERVLET)
                .run("--spring.datasource.url=" + url, "--dealflow.demo-data=false",
                        "--camunda.bpm.job-execution.enabled=false", "--server.port=0",
                        "--dealflow.leads.import.max-size=50MB", "--dealflow.leads.import.runner=false",
                        "--dealflow.leads.import.batch-size=" + batch,
                        "--dealflow.leads.import.workers=" + Integer.getInteger("bench.workers", 2), "--spring.main.banner-mode=off",
                        "--logging.level.root=WARN", "--logging.level.org.camunda=WARN");
        try {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
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
            long posting = System.nanoTime();
            HttpResponse<String> accepted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + "/api/leads/import?consentText=I+agree"))
                    .header("Content-Type", "text/csv")
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("demo:demo".getBytes()))
                    .POST(HttpRequest.BodyPublishers.ofString(csv.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            double acceptSeconds = (System.nanoTime() - posting) / 1e9;
            System.out.printf("POST answered %d in %.2f s (%d bytes)%n", accepted.statusCode(), acceptSeconds,
                    csv.length());
            if (accepted.statusCode() != 202) {
                System.out.println(accepted.body());
                return;
            }
            long id = Long.parseLong(accepted.body().replaceAll("(?s).*?\"id\":(\\d+).*", "$1"));
            ImportJob job = app.getBean(ImportJob.class);
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
            long running = System.nanoTime();
            job.runPending();
            double runSeconds = (System.nanoTime() - running) / 1e9;
            sampler.interrupt();
            samples.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(120)
                    .forEach(e -> System.out.printf("%6d %s%n", e.getValue(), e.getKey()));
            ImportStatus status = store.status(id).orElseThrow();
            System.out.printf("Import %s: %d created, %d updated, %d rejected in %.1f s: %.0f rows/s "
                            + "(%.0f rows/s from POST to done)%n", status.status(), status.created(), status.updated(),
                    status.rejected(), runSeconds, rows / runSeconds, rows / (runSeconds + acceptSeconds));
        } finally {
            app.close();
        }
    }
}
