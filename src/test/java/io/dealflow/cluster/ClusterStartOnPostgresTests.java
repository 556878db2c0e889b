package io.dealflow.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.dealflow.support.AppNode;
import io.dealflow.support.Api;
import io.dealflow.support.PostgresServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 10: two nodes of the app, each in a JVM of its own, started at the same moment on one PostgreSQL, as an
 * orchestrator starts two replicas of a first deployment or of an upgrade. Both become ready and answer, and what a
 * start creates (the engine's schema, groups, demo users, rights, Tasklist filters, the deployment, demo deals) is
 * there once.
 */
class ClusterStartOnPostgresTests {

    private static final Duration START = Duration.ofMinutes(5);

    @Test
    void twoNodesStartedAtOnceOnAnEmptyDatabaseBothServeAndCreateEverythingOnce() throws Exception {
        String database = PostgresServer.newDatabase("empty");
        JdbcTemplate jdbc = new JdbcTemplate(PostgresServer.dataSource(database));

        bothAtOnce(database, "empty", jdbc);

        assertThat(jdbc.queryForObject("select count(*) from ACT_GE_SCHEMA_LOG", Integer.class))
                .as("the engine's schema was created once").isEqualTo(1);
        assertThat(jdbc.queryForList("select title from deal group by title having count(*) > 1", String.class))
                .as("demo deals opened twice").isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from deal", Integer.class)).isGreaterThanOrEqualTo(12);
        assertThat(jdbc.queryForObject("select count(*) from lead", Integer.class)).isEqualTo(3);
    }

    @Test
    void twoNodesStartedAtOnceOnADatabaseOfTheEarlierVersionBothServeAndKeepItsData() throws Exception {
        String database = PostgresServer.newDatabase("earlier");
        JdbcTemplate jdbc = new JdbcTemplate(PostgresServer.dataSource(database));
        // as the earlier version left it: Flyway ran 1 to 12 on the empty database, then the engine made its own
        // tables (schema-update) and ran a process
        Flyway.configure().dataSource(PostgresServer.dataSource(database)).locations("classpath:db/migration")
                .target("12").load().migrate();
        jdbc.update("insert into company (id, name, domain, created_at) values (nextval('company_seq'), 'Earlier Ltd', "
                + "'earlier.example', current_timestamp)");
        ProcessEngine earlier = ProcessEngineConfiguration.createStandaloneProcessEngineConfiguration()
                .setJdbcUrl(database).setJdbcUsername("postgres").setJdbcPassword("postgres")
                .setJdbcDriver("org.postgresql.Driver")
                .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE)
                .setHistory(ProcessEngineConfiguration.HISTORY_FULL)
                .setProcessEngineName("earlierVersion")
                .buildProcessEngine();
        String instance;
        try {
            earlier.getRepositoryService().createDeployment().addModelInstance("earlier.bpmn",
                    Bpmn.createExecutableProcess("earlier").camundaHistoryTimeToLive(180)
                            .startEvent().userTask("waiting").endEvent().done()).deploy();
            instance = earlier.getRuntimeService().startProcessInstanceByKey("earlier").getId();
        } finally {
            earlier.close();
        }

        bothAtOnce(database, "earlier", jdbc);

        assertThat(jdbc.queryForObject("select count(*) from ACT_GE_SCHEMA_LOG", Integer.class))
                .as("the engine's schema as the earlier version created it, not again").isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from ACT_RU_EXECUTION where PROC_INST_ID_ = ?",
                Integer.class, instance)).as("the earlier version's process instance").isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from company where domain = 'earlier.example'",
                Integer.class)).isEqualTo(1);
        // the database had a company and no deal: the demo deals were opened, once
        assertThat(jdbc.queryForList("select title from deal group by title having count(*) > 1", String.class))
                .isEmpty();
    }

    /**
     * Starts two nodes at the same moment with demo data on, waits for both, and checks that each answers and
     * that the start's work was done once.
     */
    private static void bothAtOnce(String database, String name, JdbcTemplate jdbc) throws Exception {
        Instant start = Instant.now();
        try (AppNode first = AppNode.start(name + "-1", AppNode.freePort(), database, "--dealflow.demo-data=true",
                     "--logging.level.io.dealflow=INFO");
             AppNode second = AppNode.start(name + "-2", AppNode.freePort(), database, "--dealflow.demo-data=true",
                     "--logging.level.io.dealflow=INFO")) {
            first.awaitReady(START);
            second.awaitReady(START);
            System.out.printf("Two nodes on the %s database ready in %d s%n", name,
                    Duration.between(start, Instant.now()).toSeconds());

            for (AppNode node : List.of(first, second)) {
                Api.Response pipeline = new Api(node.port()).get("/api/pipeline", "mia");
                assertThat(pipeline.status()).as(node.log().toString()).isEqualTo(200);
                assertThat(pipeline.json().get("stages")).isNotEmpty();
            }
            assertThat(new Api(first.port()).get("/api/pipeline", "mia").body())
                    .isEqualTo(new Api(second.port()).get("/api/pipeline", "mia").body());

            assertThat(jdbc.queryForObject("select count(*) from ACT_ID_USER", Integer.class)).isEqualTo(4);
            assertThat(jdbc.queryForObject("select count(*) from ACT_ID_GROUP", Integer.class)).isEqualTo(4);
            assertThat(jdbc.queryForObject("select count(*) from ACT_ID_MEMBERSHIP", Integer.class)).isEqualTo(4);
            assertThat(jdbc.queryForList("""
                    select NAME_ from ACT_RU_FILTER""", String.class))
                    .containsExactlyInAnyOrder("My deals", "No next step", "Team deals", "All open deals", "Leads to book");
            assertThat(jdbc.queryForList("""
                    select RESOURCE_TYPE_ || ' ' || RESOURCE_ID_ || ' ' || coalesce(GROUP_ID_, USER_ID_)
                    from ACT_RU_AUTHORIZATION
                    group by TYPE_, GROUP_ID_, USER_ID_, RESOURCE_TYPE_, RESOURCE_ID_ having count(*) > 1""",
                    String.class)).as("authorizations granted twice").isEmpty();
            assertThat(jdbc.queryForObject("""
                    select count(*) from ACT_RU_AUTHORIZATION where GROUP_ID_ = 'camunda-admin' and RESOURCE_ID_ = '*'""",
                    Integer.class)).isEqualTo(org.camunda.bpm.engine.authorization.Resources.values().length);
            assertThat(jdbc.queryForList("""
                    select KEY_ from ACT_RE_PROCDEF group by KEY_ having count(*) > 1""", String.class))
                    .as("models deployed twice").isEmpty();
            List<Map<String, Object>> engineSchema = jdbc.queryForList("""
                    select "success" from "flyway_schema_history" where "version" = '14'""");
            assertThat(engineSchema).hasSize(1);
            assertThat(engineSchema.get(0).get("success")).isEqualTo(true);
        }
    }
}
