package io.dealflow.lead;

import io.dealflow.web.ConcurrentWrites;
import io.dealflow.web.InvalidFieldException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Works the stored imports: claims an unfinished one (no other node holds it, or its claim has lapsed, e.g. its node
 * stopped) and takes its pending rows in batches of {@code dealflow.leads.import.batch-size}, each batch in one
 * transaction with the rows' outcomes and the import's counts, so a restart continues after the last committed
 * batch and never takes a row twice. A batch that fails as a whole (a row meeting a concurrent write, or something
 * unexpected) is rolled back and its rows are taken one at a time, each in its own transaction and retried as the
 * API's are; a row that still fails is rejected with the reason, and the import goes on.
 *
 * <p>Run by {@link ImportSchedule} every second on each node; tests call {@link #runPending()} themselves.
 */
@Component
public class ImportJob {

    private static final Logger log = LoggerFactory.getLogger(ImportJob.class);

    private final ImportStore store;
    private final LeadIntake intake;
    private final TransactionTemplate transaction;
    private final int batchSize;
    private final Duration lease;
    /** This node, as written in lead_import.claimed_by. */
    private final String node = UUID.randomUUID().toString();
    /** One thread of this node at a time (the schedule and a test, say). */
    private final ReentrantLock working = new ReentrantLock();

    public ImportJob(ImportStore store, LeadIntake intake, PlatformTransactionManager transactions,
                     @Value("${dealflow.leads.import.batch-size:100}") int batchSize,
                     @Value("${dealflow.leads.import.claim-for:PT5M}") Duration lease) {
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
                if (store.claim(id, node, Instant.now(), Instant.now().plus(lease))) {
                    try {
                        while (batch(id)) {
                            // the next batch
                        }
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

    /** One batch of the import; true when there may be more. */
    private boolean batch(long id) {
        try {
            return Boolean.TRUE.equals(transaction.execute(status -> {
                if (!renew(id)) {
                    return false;
                }
                List<ImportStore.Pending> rows = store.pending(id, batchSize);
                Outcomes outcomes = new Outcomes();
                for (ImportStore.Pending row : rows) {
                    outcomes.add(row.line(), take(row.lead()));
                }
                return recorded(id, outcomes, rows.size() < batchSize);
            }));
        } catch (RuntimeException e) {
            log.info("A batch of lead import {} failed as a whole ({}); its rows are taken one at a time", id,
                    e.toString());
            return oneByOne(id);
        }
    }

    private boolean oneByOne(long id) {
        List<ImportStore.Pending> rows = transaction.execute(status -> store.pending(id, batchSize));
        for (ImportStore.Pending row : rows) {
            Outcomes outcomes = new Outcomes();
            try {
                boolean mine = ConcurrentWrites.retried(transaction, () -> {
                    if (!renew(id)) {
                        return false;
                    }
                    outcomes.clear();
                    outcomes.add(row.line(), take(row.lead()));
                    recorded(id, outcomes, false);
                    return true;
                });
                if (!mine) {
                    return false;
                }
            } catch (RuntimeException e) {
                log.warn("Row {} of lead import {} could not be stored", row.line(), id, e);
                outcomes.clear();
                outcomes.add(row.line(), new ImportRows.Rejected(row.line(), "row", "row",
                        "could not be stored (" + e.getClass().getSimpleName() + "); see the log of the import's node"));
                transaction.executeWithoutResult(status -> recorded(id, outcomes, false));
            }
        }
        return transaction.execute(status -> recorded(id, new Outcomes(), store.pending(id, 1).isEmpty()));
    }

    /** The claim, renewed; false when another node has taken the import meanwhile (this one was too slow). */
    private boolean renew(long id) {
        return store.claim(id, node, Instant.now(), Instant.now().plus(lease));
    }

    /** The lead of a row through the same intake as POST /api/leads, in the caller's (the batch's) transaction. */
    private Object take(ImportRows.Lead lead) {
        LeadSubmission submission;
        try {
            submission = lead.submission(Instant.now());
        } catch (InvalidFieldException e) {
            return new ImportRows.Rejected(lead.line(), e.field(), e.field(), e.getMessage());
        } catch (ConsentRequiredException e) {
            return new ImportRows.Rejected(lead.line(), e.field(), e.field(), e.getMessage());
        }
        return intake.captureInCallersTransaction(submission).created() ? "CREATED" : "UPDATED";
    }

    private boolean recorded(long id, Outcomes outcomes, boolean last) {
        store.record(id, outcomes.rows, outcomes.created, outcomes.updated, outcomes.rejected);
        if (last) {
            store.finish(id, Instant.now());
        }
        return !last;
    }

    /** A batch's rows: {line, state, field, column, reason}, and how many of each. */
    private static final class Outcomes {
        final List<Object[]> rows = new ArrayList<>();
        int created;
        int updated;
        int rejected;

        void add(int line, Object outcome) {
            if (outcome instanceof ImportRows.Rejected rejection) {
                rows.add(new Object[] {line, "REJECTED", rejection.field(), rejection.column(), rejection.reason()});
                rejected++;
            } else {
                rows.add(new Object[] {line, outcome, null, null, null});
                created += "CREATED".equals(outcome) ? 1 : 0;
                updated += "UPDATED".equals(outcome) ? 1 : 0;
            }
        }

        void clear() {
            rows.clear();
            created = 0;
            updated = 0;
            rejected = 0;
        }
    }
}
