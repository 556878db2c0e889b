package io.dealflow.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;

/**
 * A lock held by one node of the installation at a time, for work that must not run on two nodes at once. A node
 * holds it by locking the lock's row of {@code cluster_lock} ({@code select ... for update}) in a transaction of
 * its own, on a connection of its own, while the work runs on other connections and commits as it goes; the others
 * wait on the row. Plain SQL, so the same on PostgreSQL and H2. A node that dies holding it loses its connection,
 * and the database ends its transaction and lets the next one in.
 * <p>
 * Reentrant within one thread: work holding a lock may call other work that takes it.
 */
@Component
public class ClusterLock {

    /** The work every node does as it starts: see {@link StartupWork}. */
    public static final String STARTUP = "startup";

    private static final Logger log = LoggerFactory.getLogger(ClusterLock.class);

    /** Lock timeouts: H2's (it waits a second by default), PostgreSQL's lock_not_available. */
    private static final Set<String> LOCK_TIMEOUTS = Set.of("HYT00", "55P03");

    private static final ThreadLocal<Set<String>> HELD = ThreadLocal.withInitial(HashSet::new);

    private final DataSource dataSource;

    public ClusterLock(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void holding(String name, Runnable work) {
        holding(name, () -> {
            work.run();
            return null;
        });
    }

    /** Runs {@code work} once no other node (and no other thread) holds the lock {@code name}. */
    public <T> T holding(String name, Supplier<T> work) {
        if (HELD.get().contains(name)) {
            return work.get();
        }
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                lock(connection, name);
                HELD.get().add(name);
                try {
                    return work.get();
                } finally {
                    HELD.get().remove(name);
                }
            } finally {
                connection.rollback(); // nothing was written on it: this only lets the row go
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("Cluster lock '" + name + "': " + e.getMessage(), e);
        }
    }

    private static void lock(Connection connection, String name) throws SQLException {
        Instant start = Instant.now();
        while (true) {
            try (PreparedStatement select = connection.prepareStatement(
                    "select name from cluster_lock where name = ? for update")) {
                select.setString(1, name);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        throw new IllegalStateException("No row '" + name + "' in cluster_lock: nothing to lock");
                    }
                }
                Duration waited = Duration.between(start, Instant.now());
                if (waited.compareTo(Duration.ofSeconds(1)) > 0) {
                    log.info("Cluster lock '{}': got it after waiting {} s for another node", name,
                            waited.toSeconds());
                }
                return;
            } catch (SQLException e) {
                if (!LOCK_TIMEOUTS.contains(e.getSQLState())) {
                    throw e;
                }
                // the database gave up waiting; the other node is still at it
                connection.rollback();
                log.info("Cluster lock '{}': another node holds it; waiting ({} s so far)", name,
                        Duration.between(start, Instant.now()).toSeconds());
            }
        }
    }
}
