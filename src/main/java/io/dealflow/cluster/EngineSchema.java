package io.dealflow.cluster;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;
import org.springframework.stereotype.Component;

/**
 * Migration 14: the process engine's tables, created by Flyway from Camunda's own create scripts (in the
 * camunda-engine jar) instead of by each engine as it starts. Flyway migrates under a lock of the database's
 * (PostgreSQL: an advisory lock; the nodes waiting on it find the migration applied when they get it), so several
 * nodes started at once on an empty database create the schema once; before, each engine created it itself and
 * all but one failed ({@code ENGINE-03017}, duplicate keys). The engine then only checks it
 * ({@code camunda.bpm.database.schema-update: false}) and is built after Flyway has run ({@link EngineAfterFlyway}).
 * <p>
 * Each part of the engine's schema is created only when its table is missing: on a database of an earlier version
 * of this app, where the engine made its tables itself, this migration finds them and creates nothing. Migrations
 * 1 to 12 never touch the engine's tables, so they need not run after this one.
 * <p>
 * An engine upgrade (7.24 to a later 7.x) brings its upgrade scripts ({@code db/upgrade/<db>_engine_7.24_to_7.x.sql}
 * in the new engine jar): run them by a later migration the same way, under the same lock.
 */
@Component
public class EngineSchema implements JavaMigration {

    private static final Logger log = LoggerFactory.getLogger(EngineSchema.class);

    /** A part of Camunda's schema (its create script's name) and the table the engine checks it by. */
    record Part(String script, String table) {
    }

    /** In the order the engine itself creates them. */
    static final List<Part> PARTS = List.of(
            new Part("engine", "ACT_RU_EXECUTION"),
            new Part("history", "ACT_HI_PROCINST"),
            new Part("identity", "ACT_ID_USER"),
            new Part("case.engine", "ACT_RE_CASE_DEF"),
            new Part("case.history", "ACT_HI_CASEINST"),
            new Part("decision.engine", "ACT_RE_DECISION_DEF"),
            new Part("decision.history", "ACT_HI_DECINST"));

    /** JDBC's database product names and Camunda's names of their scripts, as the engine maps them. */
    private static final Map<String, String> DATABASE_TYPES = Map.of(
            "H2", "h2",
            "PostgreSQL", "postgres",
            "EnterpriseDB", "postgres",
            "MySQL", "mysql",
            "MariaDB", "mariadb",
            "Oracle", "oracle",
            "Microsoft SQL Server", "mssql");

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("14");
    }

    @Override
    public String getDescription() {
        return "engine schema";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        String type = databaseType(connection.getMetaData());
        for (Part part : PARTS) {
            if (tableExists(connection, part.table())) {
                log.info("Engine schema: {} is there ({}), left as it is", part.script(), part.table());
                continue;
            }
            String script = "org/camunda/bpm/engine/db/create/activiti." + type + ".create." + part.script() + ".sql";
            log.info("Engine schema: creating {} from {}", part.script(), script);
            ScriptUtils.executeSqlScript(connection, new ClassPathResource(script, EngineSchema.class.getClassLoader()));
        }
    }

    private static String databaseType(DatabaseMetaData metaData) throws SQLException {
        String product = metaData.getDatabaseProductName();
        String type = DATABASE_TYPES.get(product);
        if (type == null && product.startsWith("DB2")) {
            type = "db2";
        }
        if (type == null) {
            throw new IllegalStateException("No Camunda create scripts for the database " + product);
        }
        return type;
    }

    /** In the connection's current schema, whichever case the database keeps unquoted names in. */
    static boolean tableExists(Connection connection, String table) throws SQLException {
        DatabaseMetaData metaData = connection.getMetaData();
        String schema = connection.getSchema();
        for (String name : List.of(table, table.toLowerCase(Locale.ROOT))) {
            try (ResultSet tables = metaData.getTables(connection.getCatalog(), schema, name, null)) {
                if (tables.next()) {
                    return true;
                }
            }
        }
        return false;
    }
}
