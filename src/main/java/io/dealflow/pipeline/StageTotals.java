package io.dealflow.pipeline;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The running totals of open deals per stage, currency and owner (table {@code stage_total}), so that the
 * pipeline reads a few dozen rows however many deals are open. Every change of a deal's position is applied
 * here in the transaction that makes it; a rolled-back change rolls its totals back with it.
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

    /** A deal moved from one position to another; either may be empty (opened into, or closed out of, the pipeline). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void moved(Optional<PipelinePosition> before, Optional<PipelinePosition> after) {
        if (before.equals(after)) {
            return;
        }
        List<Change> changes = new ArrayList<>();
        before.ifPresent(position -> changes.add(new Change(position, -1)));
        after.ifPresent(position -> changes.add(new Change(position, 1)));
        // always in the same row order, so two deals moving in opposite directions cannot deadlock
        changes.sort(Comparator.comparing(change -> change.position().row()));
        for (Change change : changes) {
            apply(change);
        }
    }

    /** Recounts every row from the deal table: after writing deals by other means than the application. */
    @Transactional
    public void rebuild() {
        jdbc.update("delete from stage_total");
        jdbc.update("""
                insert into stage_total (stage_key, currency, owner, stage_name, deals, total, entered_seconds)
                select stage_key, currency, owner, max(stage_name), count(*), sum(amount),
                       sum(cast(floor(extract(epoch from stage_entered_at)) as bigint))
                from deal
                where status = 'OPEN' and stage_key is not null
                group by stage_key, currency, owner""");
    }

    private void apply(Change change) {
        PipelinePosition position = change.position();
        ensureRow(position);
        jdbc.update("""
                update stage_total
                set deals = deals + ?, total = total + ?, entered_seconds = entered_seconds + ?, stage_name = ?
                where stage_key = ? and currency = ? and owner = ?""",
                change.sign(), position.amount().multiply(BigDecimal.valueOf(change.sign())),
                position.enteredSecond() * change.sign(), position.stageName(),
                position.stageKey(), position.currency(), position.owner());
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
                    insert into stage_total (stage_key, currency, owner, stage_name, deals, total, entered_seconds)
                    values (?, ?, ?, ?, 0, 0, 0)""",
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

    private record Change(PipelinePosition position, int sign) {
    }
}
