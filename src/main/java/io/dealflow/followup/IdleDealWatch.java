package io.dealflow.followup;

import io.dealflow.settings.DealflowProperties;
import io.dealflow.stage.SalesModel;
import io.dealflow.stage.Stage;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Finds the open deals that sit in their stage past the stage's idle limit (a reminder to the owner) or past
 * its escalation limit (an email to the management group), both extension properties of the stage in the
 * model. One generic sweep for every stage; each deal is reminded and escalated once per stage visit. The deals
 * whose process instance was cancelled are closed before, by the model's "Close abandoned deals".
 *
 * <p>The due deals are worked in batches of {@code dealflow.idle-watch.batch-size}: each batch's emails are
 * composed in a transaction of its own, then sent after it committed (see {@link FollowUpSender}). An email that
 * fails stops neither its batch nor the next ones; the sweep fails at the end, naming them, so the task is
 * retried (what was sent stays sent) and ends in an incident if they keep failing.
 */
@Service
public class IdleDealWatch {

    /**
     * The deals of a stage that entered it before {@code before} and have no reminder of this kind since then
     * (a failed, unfinished or claimed one is tried again; its idempotency key and its claim keep it from going out
     * twice).
     */
    private static final String DUE = """
            select d.id from deal d
            where d.status = 'OPEN' and d.stage_key = :stage and d.stage_entered_at < :before
              and not exists (select 1 from follow_up f where f.deal_id = d.id and f.kind = :kind
                              and f.created_at >= d.stage_entered_at
                              and f.status not in ('PENDING', 'FAILED', 'SENDING'))
            order by d.id
            """;

    private final NamedParameterJdbcTemplate jdbc;
    private final SalesModel model;
    private final TeamNotices notices;
    private final String escalationGroup;
    private final FollowUpSender sender;
    private final TransactionTemplate batchTransaction;
    private final int batchSize;

    public IdleDealWatch(NamedParameterJdbcTemplate jdbc, SalesModel model, TeamNotices notices,
                         FollowUpSender sender, PlatformTransactionManager transactions,
                         DealflowProperties settings) {
        this.jdbc = jdbc;
        this.model = model;
        this.notices = notices;
        this.sender = sender;
        this.escalationGroup = settings.escalationGroup();
        this.batchTransaction = new TransactionTemplate(transactions);
        this.batchSize = settings.idleWatch().batchSize();
    }

    /** {@link #remindAndEscalate(Runnable)} with nothing to do between emails. */
    public Result remindAndEscalate() {
        return remindAndEscalate(() -> { });
    }

    /**
     * One sweep; {@code beforeEachEmail} runs before each email is sent (the worker extends its task's lock).
     *
     * @throws FollowUpFailedException when some emails failed, after every due deal was worked
     * @throws FollowUpClaimedElsewhereException when none failed but another node was sending some of them
     */
    public Result remindAndEscalate(Runnable beforeEachEmail) {
        Instant now = ClockUtil.now().toInstant();
        List<String> stagesInUse = jdbc.queryForList("select distinct stage_key from deal where status = 'OPEN'"
                + " and stage_key is not null", new MapSqlParameterSource(), String.class);
        Sweep sweep = new Sweep(beforeEachEmail);
        int reminded = 0;
        int escalated = 0;
        for (Stage stage : model.stagesIncluding(stagesInUse)) {
            reminded += sweep.work(due(stage, stage.idleLimit(), FollowUpKind.IDLE_REMINDER, now),
                    dealId -> notices.ownerReminders(dealId, FollowUpKind.IDLE_REMINDER));
            escalated += sweep.work(due(stage, stage.escalationLimit(), FollowUpKind.IDLE_ESCALATION, now),
                    dealId -> notices.escalations(dealId, FollowUpKind.IDLE_ESCALATION, escalationGroup));
        }
        sweep.finish();
        return new Result(reminded, escalated);
    }

    /** The batches of one sweep, and what failed in them. */
    private final class Sweep {

        private final Runnable beforeEachEmail;
        private final List<String> failures = new ArrayList<>();
        private final List<String> elsewhere = new ArrayList<>();

        Sweep(Runnable beforeEachEmail) {
            this.beforeEachEmail = beforeEachEmail;
        }

        /** Composes and sends the emails of these deals batch by batch; answers how many deals were due. */
        int work(List<Long> dealIds, Function<Long, List<Outgoing>> emailsOf) {
            for (int from = 0; from < dealIds.size(); from += batchSize) {
                List<Long> batch = dealIds.subList(from, Math.min(dealIds.size(), from + batchSize));
                List<Outgoing> emails = batchTransaction.execute(tx -> batch.stream()
                        .flatMap(dealId -> emailsOf.apply(dealId).stream()).toList());
                try {
                    sender.deliver(emails, beforeEachEmail);
                } catch (FollowUpFailedException e) {
                    failures.add(e.getMessage());
                } catch (FollowUpClaimedElsewhereException e) {
                    elsewhere.add(e.getMessage());
                }
            }
            return dealIds.size();
        }

        void finish() {
            if (!failures.isEmpty()) {
                throw new FollowUpFailedException(String.join("; ", failures));
            }
            if (!elsewhere.isEmpty()) {
                throw new FollowUpClaimedElsewhereException(String.join("; ", elsewhere));
            }
        }
    }

    private List<Long> due(Stage stage, Duration limit, FollowUpKind kind, Instant now) {
        if (limit == null) {
            return List.of();
        }
        return jdbc.queryForList(DUE, new MapSqlParameterSource("stage", stage.key())
                .addValue("before", Timestamp.from(now.minus(limit)))
                .addValue("kind", kind.name()), Long.class);
    }

    public record Result(int reminded, int escalated) {
    }
}
