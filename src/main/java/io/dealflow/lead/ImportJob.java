package io.dealflow.lead;

import io.dealflow.settings.DealflowProperties;
import io.dealflow.followup.WorkerId;
import io.dealflow.web.ConcurrentWrites;
import io.dealflow.web.InvalidFieldException;
import jakarta.annotation.PreDestroy;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.orm.jpa.vendor.HibernateJpaDialect;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Works the stored imports: claims an unfinished one (no other node holds it, or its claim has lapsed, e.g. its node
 * stopped) and takes its pending rows in batches of {@code dealflow.leads.import.batch-size}, each batch in one
 * transaction with the rows' outcomes, so a restart continues after the last committed batch and never takes a row
 * twice (a row is recorded only if it was still pending, else the batch rolls back). {@code
 * dealflow.leads.import.workers} threads of the node share an import's rows (by email domain, see
 * {@link ImportStore.Share}). A batch that fails as a whole (a row meeting a concurrent write, or something
 * unexpected) is rolled back and its rows are taken one at a time, each in its own transaction and retried as the
 * API's are; a row that still fails is rejected with the reason, and the import goes on.
 *
 * <p>Run by {@link ImportSchedule} every second on each node; tests call {@link #runPending()} themselves.
 */
@Component
public class ImportJob {

    private static final Logger log = LoggerFactory.getLogger(ImportJob.class);
    private static final HibernateJpaDialect JPA = new HibernateJpaDialect();

    private final ImportStore store;
    private final LeadIntake intake;
    private final TransactionTemplate transaction;
    private final int batchSize;
    private final Duration lease;
    private final int workers;
    private final ExecutorService pool;
    private final AtomicInteger threads = new AtomicInteger();
    /** This node, as written in lead_import.claimed_by. */
    private final String node;
    /** One thread of this node at a time (the schedule and a test, say). */
    private final ReentrantLock working = new ReentrantLock();
    @PersistenceContext
    private EntityManager entities;

    public ImportJob(ImportStore store, LeadIntake intake, PlatformTransactionManager transactions, WorkerId node,
                     DealflowProperties settings) {
        DealflowProperties.Leads.Import importing = settings.leads().importing();
        int batchSize = importing.batchSize();
        Duration lease = importing.claimFor();
        this.workers = Math.max(1, importing.workers());
        this.pool = Executors.newFixedThreadPool(this.workers, runnable -> {
            Thread thread = new Thread(runnable, "lead-import-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.node = node.value();
        this.store = store;
        this.intake = intake;
        this.transaction = new TransactionTemplate(transactions);
        this.batchSize = batchSize;
        this.lease = lease;
    }

    /** Every unfinished import this node can claim, to its end; false when another thread of this node is at it. */
    public boolean runPending() {
        if (!working.tryLock()) {
            return false;
        }
        try {
            for (long id : store.running()) {
                if (renew(id)) {
                    try {
                        work(id);
                    } finally {
                        store.release(id, node);
                    }
                }
            }
            return true;
        } finally {
            working.unlock();
        }
    }

    /** The import's rows by {@code workers} threads, each its share (by email domain); then the import is done. */
    private void work(long id) {
        List<Future<?>> shares = new ArrayList<>();
        for (int share = 0; share < workers; share++) {
            ImportStore.Share mine = new ImportStore.Share(workers, share);
            shares.add(pool.submit(() -> {
                while (batch(id, mine)) {
                    // the next batch
                }
            }));
        }
        for (Future<?> share : shares) {
            try {
                share.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException e) {
                log.warn("Lead import {} stopped; it is continued at the next run", id, e.getCause());
                return;
            }
        }
        transaction.executeWithoutResult(status -> {
            if (renew(id) && store.pending(id, ImportStore.Share.ALL, 1).isEmpty()) {
                store.finish(id, Instant.now());
            }
        });
    }

    /**
     * One batch of the import's share, in one transaction; true when there may be more. The claim is renewed
     * before (in a short transaction of its own, so that this node's workers do not wait for each other on it).
     */
    private boolean batch(long id, ImportStore.Share share) {
        if (!renew(id)) {
            return false;
        }
        try {
            return Boolean.TRUE.equals(transaction.execute(status -> {
                List<ImportStore.Pending> rows = store.pending(id, share, batchSize);
                String leadProcess = intake.latestLeadProcess();
                Outcomes outcomes = new Outcomes();
                for (ImportStore.Pending row : rows) {
                    outcomes.add(row.line(), take(row.lead(), leadProcess));
                }
                store.record(id, outcomes.rows);
                return rows.size() == batchSize;
            }));
        } catch (RuntimeException e) {
            log.info("A batch of lead import {} failed as a whole ({}); its rows are taken one at a time", id,
                    e.toString());
            return oneByOne(id, share);
        }
    }

    private boolean oneByOne(long id, ImportStore.Share share) {
        List<ImportStore.Pending> rows = transaction.execute(status -> store.pending(id, share, batchSize));
        String leadProcess = intake.latestLeadProcess();
        for (ImportStore.Pending row : rows) {
            if (!renew(id)) {
                return false;
            }
            Outcomes outcomes = new Outcomes();
            try {
                ConcurrentWrites.retried(transaction, () -> {
                    outcomes.clear();
                    outcomes.add(row.line(), take(row.lead(), leadProcess));
                    store.record(id, outcomes.rows);
                    return null;
                });
            } catch (RuntimeException e) {
                log.warn("Row {} of lead import {} could not be stored", row.line(), id, e);
                outcomes.clear();
                outcomes.add(row.line(), new ImportRows.Rejected(row.line(), "row", "row",
                        "could not be stored (" + e.getClass().getSimpleName() + "); see the log of the import's node"));
                transaction.executeWithoutResult(status -> store.record(id, outcomes.rows));
            }
        }
        return rows.size() == batchSize;
    }

    /** The claim, renewed; false when another node has taken the import meanwhile (this one was too slow). */
    private boolean renew(long id) {
        return store.claim(id, node, Instant.now(), Instant.now().plus(lease));
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }

    /**
     * The lead of a row through the same intake as POST /api/leads, in the caller's (the batch's) transaction, a new
     * person's lead process started in the given version (the batch's).
     */
    private Object take(ImportRows.Lead lead, String leadProcess) {
        LeadSubmission submission;
        try {
            submission = lead.submission(Instant.now());
        } catch (InvalidFieldException e) { // also ConsentRequiredException
            return new ImportRows.Rejected(lead.line(), e.field(), e.field(), e.getMessage());
        }
        boolean created = intake.importInCallersTransaction(submission, leadProcess);
        // the row's records are written; without them in the persistence context, the next row's queries do not
        // check a batch's worth of entities for changes before they run (what made large batches slow)
        try {
            entities.flush();
        } catch (RuntimeException e) {
            // as a repository's would be: a lost race on a unique key or a lock is then retried (ConcurrentWrites)
            RuntimeException translated = JPA.translateExceptionIfPossible(e);
            throw translated != null ? translated : e;
        }
        entities.clear();
        return created ? "CREATED" : "UPDATED";
    }

    /** A batch's rows: {line, state, field, column, reason}. */
    private static final class Outcomes {
        final List<Object[]> rows = new ArrayList<>();

        void add(int line, Object outcome) {
            if (outcome instanceof ImportRows.Rejected rejection) {
                rows.add(new Object[] {line, "REJECTED", rejection.field(), rejection.column(), rejection.reason()});
            } else {
                rows.add(new Object[] {line, outcome, null, null, null});
            }
        }

        void clear() {
            rows.clear();
        }
    }
}
