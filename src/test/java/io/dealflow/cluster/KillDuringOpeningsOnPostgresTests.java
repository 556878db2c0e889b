package io.dealflow.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.dealflow.support.AppNode;
import io.dealflow.support.Api;
import io.dealflow.support.PostgresServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 10: a node killed ({@code kill -9}) in the middle of a burst of deal openings leaves no half-opened deal.
 * After a restart, every deal answered {@code 201} is there with its running process instance, no deal lacks its
 * instance and no instance its deal, and the pipeline's running totals ({@code stage_total}) equal a recount of the
 * open deals.
 */
class KillDuringOpeningsOnPostgresTests {

    private static final int THREADS = 8;

    @Test
    void aNodeKilledDuringABurstOfOpeningsLeavesEveryDealWholeOrAbsent() throws Exception {
        String database = PostgresServer.newDatabase("killed");
        JdbcTemplate jdbc = new JdbcTemplate(PostgresServer.dataSource(database));
        Map<Long, String> answered = new ConcurrentHashMap<>(); // deal id -> its process instance, as answered
        AtomicInteger failed = new AtomicInteger();

        AppNode node = AppNode.start("killed-1", AppNode.freePort(), database, "--dealflow.demo-data=true")
                .awaitReady(Duration.ofMinutes(4));
        int before = jdbc.queryForObject("select count(*) from deal", Integer.class);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger sequence = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> burst = new ArrayList<>();
        try {
            Api api = new Api(node.port());
            for (int t = 0; t < THREADS; t++) {
                burst.add(threads.submit(() -> {
                    while (!stop.get()) {
                        int n = sequence.incrementAndGet();
                        try {
                            Api.Response response = api.post("/api/deals", opening(n), "demo");
                            if (response.status() == 201) {
                                answered.put(response.json().get("id").asLong(),
                                        response.json().get("processInstanceId").asText());
                            } else {
                                failed.incrementAndGet();
                            }
                        } catch (AssertionError noAnswer) { // the node died under the request
                            failed.incrementAndGet();
                        }
                    }
                }));
            }
            // kill it while openings are under way: once some have been answered
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (answered.size() < 20 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(answered).as("deals opened before the kill").hasSizeGreaterThanOrEqualTo(20);
            node.kill();
            stop.set(true);
            for (Future<?> thread : burst) {
                thread.get(2, TimeUnit.MINUTES);
            }
        } finally {
            stop.set(true);
            threads.shutdownNow();
            node.kill();
        }
        System.out.printf("Killed during the burst: %d deals answered 201, %d requests without 201%n",
                answered.size(), failed.get());

        try (AppNode restarted = AppNode.start("killed-2", AppNode.freePort(), database)
                .awaitReady(Duration.ofMinutes(4))) {
            for (Map.Entry<Long, String> deal : answered.entrySet()) {
                assertThat(jdbc.queryForObject("select process_instance_id from deal where id = ?", String.class,
                        deal.getKey())).as("deal %s", deal.getKey()).isEqualTo(deal.getValue());
            }
            assertThat(jdbc.queryForObject("select count(*) from deal", Integer.class))
                    .isGreaterThanOrEqualTo(before + answered.size());
            assertThat(jdbc.queryForList("""
                    select d.id from deal d
                    where d.status = 'OPEN' and not exists (select 1 from ACT_RU_EXECUTION e
                                                            where e.ID_ = d.process_instance_id
                                                              and e.PROC_INST_ID_ = e.ID_)""", Long.class))
                    .as("open deals without their process instance").isEmpty();
            assertThat(jdbc.queryForList("""
                    select e.ID_ from ACT_RU_EXECUTION e join ACT_RE_PROCDEF p on p.ID_ = e.PROC_DEF_ID_
                    where e.PROC_INST_ID_ = e.ID_ and p.KEY_ = 'sales-process'
                      and not exists (select 1 from deal d where d.process_instance_id = e.ID_)""", String.class))
                    .as("process instances of the sales process without their deal").isEmpty();
            assertThat(jdbc.queryForList("""
                    select d.id from deal d
                    where not exists (select 1 from stage_visit v where v.deal_id = d.id)""", Long.class))
                    .as("deals without their first stage visit").isEmpty();
            assertThat(totals(jdbc, """
                    select stage_key, currency, owner, deals, total, unvalued from stage_total where deals <> 0"""))
                    .as("stage_total against a recount of the open deals")
                    .isEqualTo(totals(jdbc, """
                            select stage_key, currency, coalesce(owner, ''), count(*), coalesce(sum(amount), 0),
                                   sum(case when amount is null then 1 else 0 end)
                            from deal where status = 'OPEN' and stage_key is not null
                            group by stage_key, currency, coalesce(owner, '')"""));

            Api api = new Api(restarted.port());
            Long any = answered.keySet().iterator().next();
            assertThat(api.get("/api/deals/" + any, "demo").status()).isEqualTo(200);
            assertThat(api.post("/api/deals", opening(sequence.incrementAndGet()), "demo").status()).isEqualTo(201);
        }
    }

    private static Map<String, String> totals(JdbcTemplate jdbc, String query) {
        Map<String, String> rows = new HashMap<>();
        jdbc.query(query, rs -> {
            rows.put(rs.getString(1) + "/" + rs.getString(2) + "/" + rs.getString(3),
                    rs.getLong(4) + " deals, " + rs.getBigDecimal(5).stripTrailingZeros().toPlainString() + " total, "
                            + rs.getLong(6) + " unvalued");
        });
        return rows;
    }

    /** A deal of a company of its own, half of them sam's and half the team's. */
    private static String opening(int n) {
        return """
                {"title": "Burst deal %1$d",
                 "company": {"name": "Burst %1$d Ltd", "domain": "burst-%1$d.example"},
                 "contacts": [{"email": "buyer@burst-%1$d.example", "firstName": "Bea", "lastName": "Buyer",
                               "role": "DECISION_MAKER"}],
                 "monthlyValue": {"amount": %1$d.50, "currency": "EUR"},
                 "owner": %2$s, "meetingAt": "2026-12-03T10:00:00Z"}""".formatted(n, n % 2 == 0 ? "\"sam\"" : "null");
    }
}
