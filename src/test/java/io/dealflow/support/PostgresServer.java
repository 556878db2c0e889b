package io.dealflow.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One embedded PostgreSQL server for the tests that start {@link AppNode}s, shared by them in the JVM (stopped by
 * its own shutdown hook); each test takes an empty database of its own ({@link #newDatabase}).
 */
public final class PostgresServer {

    private static EmbeddedPostgres server;
    private static int databases;

    private PostgresServer() {
    }

    /** A new, empty database: its JDBC URL for the nodes (user and password {@code postgres}). */
    public static synchronized String newDatabase(String prefix) {
        String name = prefix + "_" + (++databases);
        new JdbcTemplate(server().getPostgresDatabase()).execute("create database " + name);
        return server().getJdbcUrl("postgres", name);
    }

    /** The database of {@code jdbcUrl}, for the test's own queries. */
    public static DataSource dataSource(String jdbcUrl) {
        String name = jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1).replaceAll("\\?.*", "");
        return server().getDatabase("postgres", name);
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return server;
    }
}
