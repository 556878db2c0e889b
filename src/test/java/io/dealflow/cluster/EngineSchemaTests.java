package io.dealflow.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.dealflow.support.OnH2;
import java.sql.Connection;
import java.util.Arrays;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.migration.Context;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;

/** Migration 14 made the engine's tables, the engine waited for it, and it leaves existing tables alone. */
@OnH2
class EngineSchemaTests {

    @Autowired
    Flyway flyway;

    @Autowired
    DataSource dataSource;

    @Autowired
    ConfigurableListableBeanFactory beans;

    @Autowired
    ProcessEngine engine;

    @Test
    void flywayCreatedTheEngineTablesAndTheEngineOnlyChecksThem() {
        MigrationInfo engineSchema = Arrays.stream(flyway.info().applied())
                .filter(migration -> MigrationVersion.fromVersion("14").equals(migration.getVersion()))
                .findFirst().orElseThrow();
        assertThat(engineSchema.getDescription()).isEqualTo("engine schema");
        assertThat(engineSchema.getState()).isEqualTo(MigrationState.SUCCESS);
        assertThat(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDatabaseSchemaUpdate())
                .isEqualTo("false");
    }

    @Test
    void theEngineIsBuiltAfterFlyway() {
        for (Class<?> type : new Class<?>[]{ProcessEngineConfigurationImpl.class, ProcessEngine.class}) {
            String[] names = beans.getBeanNamesForType(type, true, false);
            assertThat(names).as(type.getSimpleName()).isNotEmpty();
            for (String name : names) {
                assertThat(beans.getBeanDefinition(name).getDependsOn()).as(name).contains("flywayInitializer");
            }
        }
    }

    @Test
    void onADatabaseWhoseEngineTablesExistItCreatesNothing() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            for (EngineSchema.Part part : EngineSchema.PARTS) {
                assertThat(EngineSchema.tableExists(connection, part.table())).as(part.table()).isTrue();
            }
            // creating any of them again would fail: the tables are there
            new EngineSchema().migrate(new Context() {
                @Override
                public Configuration getConfiguration() {
                    return flyway.getConfiguration();
                }

                @Override
                public Connection getConnection() {
                    return connection;
                }
            });
        }
    }
}
