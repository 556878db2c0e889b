package io.dealflow.pipeline;

import io.dealflow.deal.DealChanged;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The running totals of open deals per stage, currency and owner (table {@code stage_total}), so that the
 * pipeline reads a few dozen rows however many deals are open. {@code total} sums the known values; {@code unvalued}
 * counts the deals whose value is not known yet. Every change of a deal's position is written
 * in the transaction that makes it; a rolled-back change leaves the totals as they were.
 */
@Service
public class StageTotals {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;

    public StageTotals(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * A deal moved from one position to another; either may be empty (opened into, or closed out of, the
     * pipeline). The change is added up with the transaction's other changes and written just before it
     * commits, in one row order for every transaction: row locks are held briefly, and transactions that move
     * many deals (a batch in Cockpit) cannot deadlock on each other's rows.
     */
    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void on(DealChanged change) {
        moved(PipelinePosition.of(change.before()), PipelinePosition.of(change.after()));
    }

    void moved(Optional<PipelinePosition> before, Optional<PipelinePosition> after) {
        if (before.equals(after)) {
            return;
        }
        PendingChanges pending = pendingChanges();
        before.ifPresent(position -> {
            ensureRow(position);
            pending.add(position, -1);
        });
        after.ifPresent(position -> {
            ensureRow(position);
            pending.add(position, 1);
        });
    }

    /** Recounts every row from the deal table: after writing deals by other means than the application. */
    @Transactional
    public void rebuild() {
        jdbc.update("delete from stage_total");
        jdbc.update("""
                insert into stage_total (stage_key, currency, owner, stage_name, deals, total, entered_seconds,
                                         unvalued)
                select stage_key, currency, coalesce(owner, ''), max(stage_name), count(*), coalesce(sum(amount), 0),
                       sum(cast(floor(extract(epoch from stage_entered_at)) as bigint)),
                       sum(case when amount is null then 1 else 0 end)
                from deal
                where status = 'OPEN' and stage_key is not null
                group by stage_key, currency, coalesce(owner, '')""");
    }

    private PendingChanges pendingChanges() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("Stage totals change outside a transaction");
        }
        for (TransactionSynchronization synchronization : TransactionSynchronizationManager.getSynchronizations()) {
            if (synchronization instanceof PendingChanges pending) {
                return pending;
            }
        }
        PendingChanges pending = new PendingChanges();
        TransactionSynchronizationManager.registerSynchronization(pending);
        return pending;
    }

    /**
     * The first deal of a stage, currency and owner creates their row, in a transaction of its own: two deals
     * doing so at once meet on the primary key, and the loser's own transaction is not spoiled by that.
     */
    private void ensureRow(PipelinePosition position) {
        if (rowExists(position)) {
            return;
        }
        try {
            ownTransaction.executeWithoutResult(status -> jdbc.update("""
                    insert into stage_total (stage_key, currency, owner, stage_name, deals, total, entered_seconds,
                                             unvalued)
                    values (?, ?, ?, ?, 0, 0, 0, 0)""",
                    position.stageKey(), position.currency(), position.owner(), position.stageName()));
        } catch (DuplicateKeyException createdMeanwhile) {
            // another transaction created it first: the row is there, which is all we need
        }
    }

    private boolean rowExists(PipelinePosition position) {
        Integer rows = jdbc.queryForObject(
                "select count(*) from stage_total where stage_key = ? and currency = ? and owner = ?",
                Integer.class, position.stageKey(), position.currency(), position.owner());
        return rows != null && rows > 0;
    }

    /** One transaction's changes, summed per row and written in row order before it commits. */
    private final class PendingChanges implements TransactionSynchronization {

        private final SortedMap<String, Delta> rows = new TreeMap<>();

        void add(PipelinePosition position, int sign) {
            rows.computeIfAbsent(position.row(), row -> new Delta(position)).add(position, sign);
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            for (Delta delta : rows.values()) {
                if (!delta.isZero()) {
                    jdbc.update("""
                            update stage_total
                            set deals = deals + ?, total = total + ?, entered_seconds = entered_seconds + ?,
                                unvalued = unvalued + ?, stage_name = ?
                            where stage_key = ? and currency = ? and owner = ?""",
                            delta.deals, delta.total, delta.enteredSeconds, delta.unvalued, delta.row.stageName(),
                            delta.row.stageKey(), delta.row.currency(), delta.row.owner());
                }
            }
        }
    }

    private static final class Delta {

        private final PipelinePosition row;
        private long deals;
        private BigDecimal total = BigDecimal.ZERO;
        private long enteredSeconds;
        private long unvalued;

        Delta(PipelinePosition row) {
            this.row = row;
        }

        void add(PipelinePosition position, int sign) {
            deals += sign;
            if (position.amount() == null) {
                unvalued += sign;
            } else {
                total = total.add(position.amount().multiply(BigDecimal.valueOf(sign)));
            }
            enteredSeconds += position.enteredSecond() * sign;
        }

        boolean isZero() {
            return deals == 0 && total.signum() == 0 && enteredSeconds == 0 && unvalued == 0;
        }
    }
}
