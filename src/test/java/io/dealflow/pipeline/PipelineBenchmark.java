package io.dealflow.pipeline;

import io.dealflow.DealflowApplication;
import io.dealflow.contact.ContactDetails;
import io.dealflow.deal.ContactRole;
import io.dealflow.deal.DealOpening;
import io.dealflow.deal.DealService;
import io.dealflow.deal.MonthlyValue;
import io.dealflow.stage.SalesModel;
import io.dealflow.stage.Stage;
import io.dealflow.deal.StageOutcome;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Benchmark (not a test: surefire ignores it) of GET /api/pipeline against the naive way of answering the same
 * question from the process engine: a TaskQuery over the sales process plus the variables of each task.
 *
 * <p>Run it with (see BENCHMARKS.md):
 * <pre>
 * MAVEN_OPTS="-Xmx6g" ./mvnw -q test-compile exec:java \
 *     -Dexec.mainClass=io.dealflow.pipeline.PipelineBenchmark -Dexec.classpathScope=test
 * </pre>
 *
 * <p>It starts the whole app (profile {@code test}, a fresh H2 file database under {@code target/}, no demo
 * deals, no job executor, web server on a random port) and, for each size (cumulative fill), fills open deals,
 * then measures in the same JVM and on the same data:
 * <ul>
 *   <li>{@code pipeline}: {@link PipelineService#pipeline} for EUR: the running stage totals and one count
 *       of idle deals on an index;</li>
 *   <li>{@code HTTP}: GET /api/pipeline as {@code mia} over HTTP Basic (security, JSON included);</li>
 *   <li>{@code naive}: {@code taskService.createTaskQuery().processDefinitionKey(..).list()} and then
 *       {@code taskService.getVariables(taskId)} for each task, parsing the {@code monthlyValue} variable
 *       ("1,250.50 EUR") and summing per stage in Java;</li>
 *   <li>{@code engine-2q} (for context): the same from the engine with two queries, the task list and one
 *       VariableInstanceQuery for all {@code monthlyValue} variables, joined in Java.</li>
 * </ul>
 * The three answers are compared (count and value per stage) before any timing.
 *
 * <p>Deals written in bulk bypass the application, so the running stage totals are recounted after each bulk
 * fill ({@link StageTotals#rebuild}); the agreement check then proves them right.
 *
 * <p>System properties (all optional):
 * <ul>
 *   <li>{@code bench.sizes}: 1000,10000,100000 (cumulative);</li>
 *   <li>{@code bench.fill}: {@code auto} (default: the first 1,000 deals through the real process, timed; if
 *       that rate would make the largest size take longer than {@code bench.realBudgetSeconds}, default 480,
 *       the rest in bulk), {@code real} or {@code bulk}; {@code bench.fillThreads}: 2;</li>
 *   <li>{@code bench.db}: {@code file} (default, H2 file under target/, deleted at the end), {@code mem} or
 *       {@code postgres} (embedded PostgreSQL 14 from the test dependencies, profile postgres-embedded);</li>
 *   <li>{@code bench.pipelineIterations}: 200 (100 from 50,000 deals); {@code bench.naiveIterations}: 20, 10
 *       from 5,000, 3 from 50,000 deals;</li>
 *   <li>{@code bench.http}, {@code bench.breakdown}: true; {@code bench.naive}: true (false skips the two
 *   engine ways, which take most of the time at 100k).</li>
 * </ul>
 */
public final class PipelineBenchmark {

    private static final String CURRENCY = "EUR";
    private static final List<String> CURRENCIES = List.of("EUR", "USD");
    private static final List<String> OWNERS = List.of("sam", "mia", "mark");
    /** How the open deals spread over the stages, first stage first: a funnel. */
    private static final int[] STAGE_WEIGHTS = {35, 25, 20, 12, 8};
    private static final String MANAGER = "mia";
    /** A sales rep: their own pipeline, and Tasklist's filters under the engine's authorizations. */
    private static final String REP = "sam";
    private static final int FILL_THREADS = Integer.getInteger("bench.fillThreads", 2);

    private final ConfigurableApplicationContext app;
    private final PipelineService pipeline;
    private final DealService deals;
    private final RuntimeService runtime;
    private final TaskService tasks;
    private final FilterService filters;
    private final IdentityService identity;
    private final SalesModel model;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final HttpClient http = HttpClient.newHttpClient();
    private final String pipelineUrl;
    private final List<Stage> stages;
    private final Random random = new Random(42);
    private final Instant fillStartedAt = Instant.now();
    private int filled;
    private String fillMode;
    private final List<String> fillLog = new ArrayList<>();
    private final java.util.concurrent.ExecutorService fillPool = java.util.concurrent.Executors.newFixedThreadPool(
            FILL_THREADS, runnable -> {
                Thread thread = new Thread(runnable, "bench-fill");
                thread.setDaemon(true);
                return thread;
            });
    private final boolean postgres;

    private PipelineBenchmark(ConfigurableApplicationContext app, String fillMode) {
        this.app = app;
        this.fillMode = fillMode;
        this.pipeline = app.getBean(PipelineService.class);
        this.deals = app.getBean(DealService.class);
        this.runtime = app.getBean(RuntimeService.class);
        this.tasks = app.getBean(TaskService.class);
        this.filters = app.getBean(FilterService.class);
        this.identity = app.getBean(IdentityService.class);
        this.model = app.getBean(SalesModel.class);
        this.jdbc = app.getBean(JdbcTemplate.class);
        this.transaction = new TransactionTemplate(app.getBean(PlatformTransactionManager.class));
        String port = app.getEnvironment().getProperty("local.server.port");
        this.pipelineUrl = !Boolean.parseBoolean(System.getProperty("bench.http", "true")) ? null
                : "http://localhost:" + port + "/api/pipeline?currency=" + CURRENCY;
        this.stages = model.currentStages();
        this.postgres = jdbc.execute((java.sql.Connection connection) -> connection.getMetaData()
                .getDatabaseProductName()).toLowerCase(Locale.ROOT).contains("postgres");
    }

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = Arrays.stream(System.getProperty("bench.sizes", "1000,10000,100000").split(","))
                .map(String::trim).map(Integer::parseInt).sorted().toList();
        String fill = System.getProperty("bench.fill", "auto");
        String db = System.getProperty("bench.db", "file");
        boolean fileDb = "file".equals(db);
        boolean postgres = "postgres".equals(db);

        Path dbDir = Files.createDirectories(Paths.get("target", "pipeline-benchmark"))
                .resolve("h2-" + System.currentTimeMillis()).toAbsolutePath();
        String url = postgres ? "embedded PostgreSQL (profile postgres-embedded)"
                : fileDb ? "jdbc:h2:file:" + dbDir.resolve("dealflow") + System.getProperty("bench.h2", "")
                : "jdbc:h2:mem:pipeline-benchmark;DB_CLOSE_DELAY=-1";
        long started = System.nanoTime();
        System.out.printf("Pipeline benchmark: sizes %s, fill %s, database %s%n", sizes, fill, url);
        System.out.printf("JVM %s %s, %d cores, max heap %d MB%n", System.getProperty("java.vm.name"),
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);

        // command-line arguments outrank application-test.yaml
        ConfigurableApplicationContext app = new SpringApplicationBuilder(DealflowApplication.class)
                .profiles(postgres ? new String[]{"test", "postgres", "postgres-embedded"} : new String[]{"test"})
                .web(WebApplicationType.SERVLET) // the security configuration needs the servlet stack
                .run(postgres ? "--dealflow.demo-data=false" : "--spring.datasource.url=" + url,
                        "--dealflow.demo-data=false",
                        "--camunda.bpm.job-execution.enabled=false",
                        "--server.port=0",
                        "--spring.main.banner-mode=off",
                        "--logging.level.root=WARN",
                        "--logging.level.org.camunda=WARN");
        try {
            System.out.printf("App started in %.1f s%n%n", (System.nanoTime() - started) / 1e9);
            new PipelineBenchmark(app, fill).run(sizes);
        } finally {
            ClockUtil.reset();
            app.close();
            if (fileDb) {
                FileSystemUtils.deleteRecursively(dbDir); // a 100k-deal file is gigabytes
            }
        }
        System.out.printf("%nTotal run time %.1f min%n", (System.nanoTime() - started) / 60e9);
    }

    private void run(List<Integer> sizes) throws Exception {
        System.out.printf("Stages of the model: %s%n", stages.stream().map(Stage::key).toList());
        List<String> results = new ArrayList<>();
        results.add("| open deals | pipeline p50 | pipeline p99 | HTTP p50 | HTTP p99 | naive p50 | naive p99 "
                + "| speed-up (naive p50 / pipeline p50) | engine-2q p50 |");
        results.add("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        List<String> access = new ArrayList<>();
        access.add("| open deals | rep's pipeline over HTTP p50 / p99 | Tasklist \"My deals\" as rep p50 / p99 "
                + "| \"All open deals\" as rep p50 / p99 | \"All open deals\" as manager p50 / p99 |");
        access.add("|---:|---:|---:|---:|---:|");
        boolean engineWays = Boolean.parseBoolean(System.getProperty("bench.naive", "true"));
        for (int size : sizes) {
            long fillStart = System.nanoTime();
            fillTo(size);
            String line = "Filled to %,d open deals in %.1f s (%s)".formatted(size,
                    (System.nanoTime() - fillStart) / 1e9, fillMode);
            System.out.println(line);
            fillLog.add(line);

            checkAgreement(size);
            int pipelineIterations = Integer.getInteger("bench.pipelineIterations", size >= 50_000 ? 100 : 200);
            int naiveIterations = Integer.getInteger("bench.naiveIterations",
                    size >= 50_000 ? 3 : size >= 5_000 ? 10 : 20);

            Timings service = measure("pipeline", Math.max(20, pipelineIterations / 5), pipelineIterations,
                    () -> pipeline.pipeline(new PipelineQuery(CURRENCY, null, null)));
            if (Boolean.parseBoolean(System.getProperty("bench.breakdown", "true"))) {
                measure("  model", Math.max(20, pipelineIterations / 5), pipelineIterations,
                        () -> List.of(model.currentStages(), model.stagesIncluding(List.of()), model.latest()));
            }
            Timings overHttp = pipelineUrl == null ? null
                    : measure("HTTP", Math.max(20, pipelineIterations / 5), pipelineIterations,
                            () -> getPipeline(MANAGER));
            access.add(measureAccess(size, pipelineIterations));
            if (!engineWays) {
                results.add("| %,d | %.1f ms | %.1f ms | %s | %s | - | - | - | - |".formatted(size,
                        service.p50(), service.p99(),
                        overHttp == null ? "-" : "%.1f ms".formatted(overHttp.p50()),
                        overHttp == null ? "-" : "%.1f ms".formatted(overHttp.p99())));
                continue;
            }
            // the agreement check above already ran each engine way once on this data; the JIT is warm from the
            // smaller sizes, so the largest ones get no extra warm-up
            int engineWarmup = size >= 50_000 ? 0 : 1;
            long budget = Duration.ofSeconds(Integer.getInteger("bench.naiveBudgetSeconds", 240)).toNanos();
            Timings naive = measure("naive", engineWarmup, naiveIterations, budget, this::naive);
            Timings engine2q = measure("engine-2q", engineWarmup, naiveIterations, budget, this::engineTwoQueries);
            results.add("| %,d | %.1f ms | %.1f ms | %s | %s | %.0f ms | %.0f ms | %.0fx | %.0f ms |".formatted(size,
                    service.p50(), service.p99(),
                    overHttp == null ? "-" : "%.1f ms".formatted(overHttp.p50()),
                    overHttp == null ? "-" : "%.1f ms".formatted(overHttp.p99()),
                    naive.p50(), naive.p99(), naive.p50() / service.p50(), engine2q.p50()));
            System.out.println();
        }
        System.out.println();
        fillLog.forEach(System.out::println);
        System.out.println();
        results.forEach(System.out::println);
        System.out.println();
        access.forEach(System.out::println);
    }

    /**
     * What the access model costs: a rep's own pipeline over HTTP, and the first page (15) and count of Tasklist
     * filters as Tasklist asks for them, under the engine's authorizations (per task for the rep, per process
     * definition for the manager).
     */
    private String measureAccess(int size, int iterations) {
        // the filters must see what the authorizations allow, or the timings mean nothing: the rep his own stages
        // (the benchmark opens no team deals), the manager every one
        long repsDeals = jdbc.queryForObject("select count(*) from deal where status = 'OPEN' and owner = ?",
                Long.class, REP);
        long openDeals = jdbc.queryForObject("select count(*) from deal where status = 'OPEN'", Long.class);
        check("My deals (rep)", REP, "sales", repsDeals);
        check("All open deals (rep)", REP, "sales", repsDeals);
        check("All open deals (manager)", MANAGER, "management", openDeals);
        int warmup = Math.max(20, iterations / 5);
        int filterIterations = Math.max(20, iterations / 4);
        Timings rep = pipelineUrl == null ? null : measure("HTTP rep", warmup, iterations, () -> getPipeline(REP));
        Timings mine = measure("Tasklist My deals (rep)", 5, filterIterations,
                () -> tasklistPage(REP, "sales", "My deals"));
        Timings all = measure("Tasklist All open deals (rep)", 5, filterIterations,
                () -> tasklistPage(REP, "sales", "All open deals"));
        Timings allManager = measure("Tasklist All open deals (manager)", 5, filterIterations,
                () -> tasklistPage(MANAGER, "management", "All open deals"));
        return "| %,d | %s | %.1f / %.1f ms | %.1f / %.1f ms | %.1f / %.1f ms |".formatted(size,
                rep == null ? "-" : "%.1f / %.1f ms".formatted(rep.p50(), rep.p99()),
                mine.p50(), mine.p99(), all.p50(), all.p99(), allManager.p50(), allManager.p99());
    }

    private void check(String filter, String user, String group, long expected) {
        long started = System.nanoTime();
        long counted = filterCount(user, group, filter.replaceAll(" \\(.*", ""));
        double millis = (System.nanoTime() - started) / 1e6;
        if (counted != expected) {
            throw new IllegalStateException("Tasklist filter " + filter + " counts " + counted + ", expected "
                    + expected);
        }
        // H2 answers a repeated query on unchanged tables from its result cache, so the timed runs below are
        // mostly that; this first count is the query itself
        System.out.printf("  Tasklist %s counts %,d stages, as the authorizations allow, in %.1f ms the first time%n",
                filter, counted, millis);
    }

    private long filterCount(String user, String group, String filterName) {
        String filterId = filters.createFilterQuery().filterName(filterName).singleResult().getId();
        identity.setAuthentication(user, List.of(group));
        try {
            return filters.count(filterId);
        } finally {
            identity.clearAuthentication();
        }
    }

    private long tasklistPage(String user, String group, String filterName) {
        String filterId = filters.createFilterQuery().filterName(filterName).singleResult().getId();
        identity.setAuthentication(user, List.of(group));
        try {
            return filters.listPage(filterId, 0, 15).size() + filters.count(filterId);
        } finally {
            identity.clearAuthentication();
        }
    }

    private record Spec(int stage, String currency, String owner, BigDecimal amount, Instant enteredAt) {
    }

    private Spec nextSpec() {
        int pick = random.nextInt(100);
        int stage = 0;
        for (int sum = STAGE_WEIGHTS[0]; pick >= sum; sum += STAGE_WEIGHTS[++stage]) {
        }
        String currency = random.nextInt(10) < 7 ? CURRENCIES.get(0) : CURRENCIES.get(1);
        String owner = OWNERS.get(random.nextInt(OWNERS.size()));
        BigDecimal amount = BigDecimal.valueOf(10_000 + random.nextInt(990_000), 2); // 100.00 .. 9,999.99
        // 0 to 40 days in the stage: the idle limits (7 to 14 days) split them into idle and not
        Instant enteredAt = fillStartedAt.minusSeconds(3_600 + random.nextInt(40 * 86_400));
        return new Spec(stage, currency, owner, amount, enteredAt);
    }

    private void fillTo(int size) {
        try {
            if ("real".equals(fillMode) || ("auto".equals(fillMode) && filled < 1_000)) {
                int target = "auto".equals(fillMode) ? Math.min(size, 1_000) : size;
                long start = System.nanoTime();
                int before = filled;
                while (filled < target) {
                    openThroughProcess(nextSpec());
                    filled++;
                    progress("real");
                }
                if ("auto".equals(fillMode) && filled >= 1_000) {
                    double perDeal = (System.nanoTime() - start) / 1e9 / (filled - before);
                    int largest = Integer.getInteger("bench.largest", 100_000);
                    double projected = perDeal * largest;
                    double budget = Integer.getInteger("bench.realBudgetSeconds", 480);
                    fillMode = projected <= budget ? "real" : "auto";
                    String line = ("Real process: %.1f ms per open deal (open + advances), %,d deals would take "
                            + "%.0f s (budget %.0f s): %s").formatted(perDeal * 1e3, largest, projected, budget,
                            projected <= budget ? "all deals through the real process"
                                    : "the first 1,000 through the real process, the rest in bulk");
                    System.out.println(line);
                    fillLog.add(line);
                }
            }
            if (filled < size) {
                ClockUtil.reset();
                int chunk = 1_000;
                while (filled < size) {
                    int n = Math.min(chunk, size - filled);
                    openInBulk(Stream.generate(this::nextSpec).limit(n).toList());
                    filled += n;
                    progress("bulk");
                }
                app.getBean(StageTotals.class).rebuild();
            }
        } finally {
            ClockUtil.reset();
        }
    }

    private void progress(String how) {
        if (filled % 5_000 == 0) {
            System.out.printf("  %,d deals (%s) at %tT%n", filled, how, new Date());
        }
    }

    /**
     * Exactly what the app does: DealService.open (company, contact, deal, process instance, first stage), then
     * each earlier stage completed with "advance", back-dated with the engine clock like the demo data.
     */
    private void openThroughProcess(Spec spec) {
        Instant openedAt = spec.enteredAt().minus(Duration.ofDays(3L * spec.stage()));
        ClockUtil.setCurrentTime(Date.from(openedAt));
        String unique = "%07d".formatted(filled + 1);
        String domain = "bench-" + unique + ".example";
        Long dealId = deals.open(new DealOpening("Deal " + unique, "Company " + unique, domain,
                List.of(new DealOpening.Participant(
                        new ContactDetails("buyer@" + domain, "Dana", "Buyer", null, null, null),
                        ContactRole.DECISION_MAKER)),
                new MonthlyValue(spec.amount(), spec.currency()), spec.owner(), openedAt.plus(Duration.ofDays(1))));
        String processInstanceId = jdbc.queryForObject("select process_instance_id from deal where id = ?",
                String.class, dealId);
        for (int step = 1; step <= spec.stage(); step++) {
            Instant at = step == spec.stage() ? spec.enteredAt() : openedAt.plus(Duration.ofDays(3L * step));
            ClockUtil.setCurrentTime(Date.from(at));
            Task task = tasks.createTaskQuery().processInstanceId(processInstanceId).singleResult();
            tasks.complete(task.getId(), Map.of(StageOutcome.VARIABLE, StageOutcome.ADVANCE.value()));
        }
    }

    /**
     * The same state without walking each deal through the earlier stages: company, contact and deal rows by
     * JDBC batch inserts (the columns the app writes when it opens a deal), then a real process instance per
     * deal started right before its stage with the variables the process holds by then. The stage task's
     * listener (the app's own StageTaskListener) sets the deal's stage and writes the stage visit, with the
     * engine clock set to when the deal entered the stage. No history rows of earlier stages are written.
     */
    private void openInBulk(List<Spec> specs) {
        int n = specs.size();
        List<Long> companyIds = ids("company_seq", n);
        List<Long> contactIds = ids("contact_seq", n);
        List<Long> dealIds = ids("deal_seq", n);
        List<Long> dealContactIds = ids("deal_contact_seq", n);
        List<Object[]> companies = new ArrayList<>();
        List<Object[]> contacts = new ArrayList<>();
        List<Object[]> dealRows = new ArrayList<>();
        List<Object[]> dealContacts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Spec spec = specs.get(i);
            Timestamp openedAt = Timestamp.from(spec.enteredAt().minus(Duration.ofDays(3L * spec.stage())));
            String unique = "%07d".formatted(filled + i + 1);
            String domain = "bench-" + unique + ".example";
            companies.add(new Object[]{companyIds.get(i), "Company " + unique, domain, openedAt});
            contacts.add(new Object[]{contactIds.get(i), "buyer@" + domain, "Dana", "Buyer", companyIds.get(i),
                    openedAt, openedAt});
            dealRows.add(new Object[]{dealIds.get(i), "Deal " + unique, companyIds.get(i), spec.owner(),
                    spec.amount(), spec.currency(), Timestamp.from(openedAt.toInstant().plus(Duration.ofDays(1))),
                    openedAt});
            dealContacts.add(new Object[]{dealContactIds.get(i), dealIds.get(i), contactIds.get(i),
                    ContactRole.DECISION_MAKER.name()});
        }
        transaction.executeWithoutResult(status -> {
            jdbc.batchUpdate("insert into company (id, name, domain, created_at) values (?, ?, ?, ?)", companies);
            jdbc.batchUpdate("insert into contact (id, email, first_name, last_name, company_id, marketing_consent,"
                    + " created_at, updated_at) values (?, ?, ?, ?, ?, false, ?, ?)", contacts);
            jdbc.batchUpdate("insert into deal (id, title, company_id, owner, amount, currency, status, meeting_at,"
                    + " opened_at, version) values (?, ?, ?, ?, ?, ?, 'OPEN', ?, ?, 0)", dealRows);
            jdbc.batchUpdate("insert into deal_contact (id, deal_id, contact_id, role) values (?, ?, ?, ?)",
                    dealContacts);
        });
        // Real process instances, in one transaction per thread and chunk (engine and JPA join it: they share the
        // transaction manager). Two threads on two cores; the engine clock is global, so the stage entry times
        // are set afterwards on the rows that hold them (deal, stage visit, task, task history).
        int threads = Math.max(1, Math.min(FILL_THREADS, n / 50));
        List<Object[]> started = java.util.Collections.synchronizedList(new ArrayList<>());
        List<java.util.concurrent.Future<?>> parts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int from = n * t / threads;
            int to = n * (t + 1) / threads;
            parts.add(fillPool.submit(() -> transaction.executeWithoutResult(
                    status -> startInstances(specs, companyIds, dealIds, from, to, started))));
        }
        for (java.util.concurrent.Future<?> part : parts) {
            try {
                part.get();
            } catch (Exception e) {
                throw new IllegalStateException("Bulk fill failed", e);
            }
        }
        List<Object[]> dealUpdates = new ArrayList<>();
        List<Object[]> byDeal = new ArrayList<>();
        List<Object[]> byInstance = new ArrayList<>();
        for (Object[] row : started) {
            String processInstanceId = (String) row[0];
            Long dealId = (Long) row[1];
            Timestamp enteredAt = (Timestamp) row[2];
            dealUpdates.add(new Object[]{processInstanceId, enteredAt, dealId});
            byDeal.add(new Object[]{enteredAt, dealId});
            byInstance.add(new Object[]{enteredAt, processInstanceId});
        }
        transaction.executeWithoutResult(status -> {
            jdbc.batchUpdate("update deal set process_instance_id = ?, stage_entered_at = ? where id = ?", dealUpdates);
            jdbc.batchUpdate("update stage_visit set entered_at = ? where deal_id = ?", byDeal);
            jdbc.batchUpdate("update ACT_RU_TASK set CREATE_TIME_ = ? where PROC_INST_ID_ = ?", byInstance);
            jdbc.batchUpdate("update ACT_HI_TASKINST set START_TIME_ = ? where PROC_INST_ID_ = ?", byInstance);
            jdbc.batchUpdate("update ACT_HI_PROCINST set START_TIME_ = ? where PROC_INST_ID_ = ?", byInstance);
        });
    }

    private void startInstances(List<Spec> specs, List<Long> companyIds, List<Long> dealIds, int from, int to,
                                List<Object[]> started) {
        for (int i = from; i < to; i++) {
            Spec spec = specs.get(i);
            Long dealId = dealIds.get(i);
            String unique = "%07d".formatted(filled + i + 1);
            String reference = "D-%05d".formatted(dealId);
            Map<String, Object> variables = new LinkedHashMap<>();
            variables.put("companyId", companyIds.get(i));
            variables.put("dealId", dealId);
            variables.put("owner", spec.owner());
            variables.put("dealReference", reference);
            variables.put("dealTitle", "Deal " + unique);
            variables.put("companyName", "Company " + unique);
            variables.put("contactNames", "Dana Buyer (" + ContactRole.DECISION_MAKER.label() + ")");
            variables.put("monthlyValue", new MonthlyValue(spec.amount(), spec.currency()).display());
            ProcessInstance instance = runtime.createProcessInstanceByKey(model.processKey())
                    .businessKey(reference)
                    .setVariables(variables)
                    .startBeforeActivity(stages.get(spec.stage()).key())
                    .execute();
            started.add(new Object[]{instance.getId(), dealId, Timestamp.from(spec.enteredAt())});
        }
    }

    private List<Long> ids(String sequence, int n) {
        return jdbc.queryForList(postgres ? "select nextval('" + sequence + "') from generate_series(1, ?)"
                : "select next value for " + sequence + " from system_range(1, ?)", Long.class, n);
    }

    // ---------------------------------------------------------------- the ways to answer

    /** One stage's open deals in the benchmark currency: how many and their monthly value. */
    private record Column(long count, BigDecimal value) {
        Column {
            value = value.setScale(2, RoundingMode.HALF_UP);
        }

        Column plus(BigDecimal amount) {
            return new Column(count + 1, value.add(amount));
        }

        @Override
        public String toString() {
            return "%d / %s".formatted(count, value.toPlainString());
        }
    }

    private Map<String, Column> fromPipeline(Pipeline answer) {
        Map<String, Column> columns = new LinkedHashMap<>();
        answer.stages().forEach(stage -> columns.put(stage.key(), new Column(stage.count(), stage.value())));
        return columns;
    }

    private String getPipeline(String user) {
        String credentials = Base64.getEncoder().encodeToString((user + ":" + user)
                .getBytes(StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(pipelineUrl))
                    .header("Authorization", "Basic " + credentials).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET /api/pipeline: " + response.statusCode() + " " + response.body());
            }
            return response.body();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The naive way: every open stage task of the sales process, then each task's variables, one call per task;
     * the deal's value comes from the {@code monthlyValue} variable the forms show ("1,250.50 EUR"). Like the
     * pipeline, it also works out the days in stage and the idle deals from the task's creation time.
     */
    private Map<String, Column> naive() {
        Instant now = Instant.now();
        Map<String, Column> columns = emptyColumns();
        Map<String, long[]> enteredAndIdle = new HashMap<>();
        Map<String, Duration> limits = idleLimits();
        for (Task task : tasks.createTaskQuery().processDefinitionKey(model.processKey()).list()) {
            Map<String, Object> variables = tasks.getVariables(task.getId());
            add(columns, enteredAndIdle, limits, now, task, (String) variables.get("monthlyValue"));
        }
        return columns;
    }

    /** For context: the same from the engine in two queries (all tasks, all monthlyValue variables). */
    private Map<String, Column> engineTwoQueries() {
        Instant now = Instant.now();
        Map<String, Column> columns = emptyColumns();
        Map<String, long[]> enteredAndIdle = new HashMap<>();
        Map<String, Duration> limits = idleLimits();
        // every monthlyValue variable; only those of the sales process's tasks are looked up below
        Map<String, String> valueByInstance = new HashMap<>();
        for (VariableInstance variable : runtime.createVariableInstanceQuery().variableName("monthlyValue").list()) {
            valueByInstance.put(variable.getProcessInstanceId(), (String) variable.getValue());
        }
        for (Task task : tasks.createTaskQuery().processDefinitionKey(model.processKey()).list()) {
            add(columns, enteredAndIdle, limits, now, task, valueByInstance.get(task.getProcessInstanceId()));
        }
        return columns;
    }

    private Map<String, Column> emptyColumns() {
        Map<String, Column> columns = new LinkedHashMap<>();
        stages.forEach(stage -> columns.put(stage.key(), new Column(0, BigDecimal.ZERO)));
        return columns;
    }

    private Map<String, Duration> idleLimits() {
        Map<String, Duration> limits = new HashMap<>();
        model.stagesIncluding(List.of()).stream().filter(stage -> stage.idleLimit() != null)
                .forEach(stage -> limits.put(stage.key(), stage.idleLimit()));
        return limits;
    }

    private static void add(Map<String, Column> columns, Map<String, long[]> enteredAndIdle,
                            Map<String, Duration> limits, Instant now, Task task, String monthlyValue) {
        int space = monthlyValue.lastIndexOf(' ');
        if (!CURRENCY.equals(monthlyValue.substring(space + 1))) {
            return;
        }
        BigDecimal amount = new BigDecimal(monthlyValue.substring(0, space).replace(",", ""));
        columns.merge(task.getTaskDefinitionKey(), new Column(1, amount),
                (column, one) -> column.plus(one.value()));
        long[] stats = enteredAndIdle.computeIfAbsent(task.getTaskDefinitionKey(), key -> new long[2]);
        Instant entered = task.getCreateTime().toInstant();
        stats[0] += entered.getEpochSecond();
        Duration limit = limits.get(task.getTaskDefinitionKey());
        if (limit != null && entered.isBefore(now.minus(limit))) {
            stats[1]++;
        }
    }

    // ---------------------------------------------------------------- checks and timing

    private void checkAgreement(int size) {
        Map<String, Column> fromSql = fromPipeline(pipeline.pipeline(new PipelineQuery(CURRENCY, null, null)));
        Map<String, Column> fromTasks = naive();
        Map<String, Column> fromTwoQueries = engineTwoQueries();
        boolean agree = fromSql.equals(fromTasks) && fromSql.equals(fromTwoQueries);
        long total = fromSql.values().stream().mapToLong(Column::count).sum();
        System.out.printf("Check at %,d deals, %s open deals per stage (count / value): pipeline %s, naive %s, "
                        + "engine-2q %s -> %s%n", size, CURRENCY, fromSql, fromTasks, fromTwoQueries,
                agree ? "AGREE (" + total + " " + CURRENCY + " deals)" : "DISAGREE");
        if (!agree) {
            throw new IllegalStateException("The ways of answering disagree at " + size + " deals");
        }
    }

    private record Timings(double p50, double p99, double min, double max, int iterations) {
    }

    private static Timings measure(String what, int warmup, int iterations, Supplier<?> call) {
        return measure(what, warmup, iterations, Long.MAX_VALUE, call);
    }

    /** Stops early (after at least one measured run) once the runs have taken {@code budgetNanos}. */
    private static Timings measure(String what, int warmup, int iterations, long budgetNanos, Supplier<?> call) {
        Object sink = null;
        long begin = System.nanoTime();
        for (int i = 0; i < warmup; i++) {
            sink = call.get();
        }
        double[] millis = new double[iterations];
        int runs = 0;
        while (runs < iterations && (runs == 0 || System.nanoTime() - begin < budgetNanos)) {
            long start = System.nanoTime();
            sink = call.get();
            millis[runs++] = (System.nanoTime() - start) / 1e6;
        }
        if (sink == null) {
            throw new IllegalStateException(what + " answered nothing");
        }
        millis = Arrays.copyOf(millis, runs);
        Arrays.sort(millis);
        Timings timings = new Timings(percentile(millis, 50), percentile(millis, 99), millis[0],
                millis[runs - 1], runs);
        System.out.printf(Locale.ROOT, "  %-26s p50 %9.2f ms  p99 %9.2f ms  min %9.2f ms  max %9.2f ms  (%d runs%s, %d warm-up; "
                        + "load %s)%n", what, timings.p50(), timings.p99(), timings.min(), timings.max(), runs,
                runs < iterations ? " of " + iterations + ", time budget spent" : "", warmup, loadAverage());
        return timings;
    }

    /** The 1-minute load average: other processes competing for the two cores make the timings worse. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    /** Nearest rank: with fewer than 100 runs, p99 is the slowest run. */
    private static double percentile(double[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

}
