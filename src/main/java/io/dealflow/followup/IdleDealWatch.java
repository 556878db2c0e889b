package io.dealflow.followup;

import io.dealflow.deal.DealService;
import io.dealflow.stage.SalesModel;
import io.dealflow.stage.Stage;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Finds the open deals that sit in their stage past the stage's idle limit (a reminder to the owner) or past
 * its escalation limit (an email to the management group), both extension properties of the stage in the
 * model. One generic sweep for every stage; each deal is reminded and escalated once per stage visit. It first
 * closes the deals whose process instance was cancelled, so they neither rot nor count in the pipeline.
 */
@Service
public class IdleDealWatch {

    /**
     * The deals of a stage that entered it before {@code before} and have no reminder of this kind since then
     * (a failed or unfinished one is tried again; its idempotency key keeps it from going out twice).
     */
    private static final String DUE = """
            select d.id from deal d
            where d.status = 'OPEN' and d.stage_key = :stage and d.stage_entered_at < :before
              and not exists (select 1 from follow_up f where f.deal_id = d.id and f.kind = :kind
                              and f.created_at >= d.stage_entered_at and f.status not in ('PENDING', 'FAILED'))
            order by d.id
            """;

    private final NamedParameterJdbcTemplate jdbc;
    private final SalesModel model;
    private final FollowUpService followUps;
    private final DealService deals;
    private final String escalationGroup;

    public IdleDealWatch(NamedParameterJdbcTemplate jdbc, SalesModel model, FollowUpService followUps,
                         DealService deals, @Value("${dealflow.escalation-group:management}") String escalationGroup) {
        this.jdbc = jdbc;
        this.deals = deals;
        this.model = model;
        this.followUps = followUps;
        this.escalationGroup = escalationGroup;
    }

    /**
     * Open deals whose process instance no longer runs. Read from the engine's runtime table because the
     * engine API cannot ask "which of these ids do not exist" in one query.
     */
    private static final String ABANDONED = """
            select d.id from deal d
            where d.status = 'OPEN' and d.process_instance_id is not null
              and not exists (select 1 from ACT_RU_EXECUTION e where e.ID_ = d.process_instance_id)
            order by d.id
            """;

    @Transactional
    public Result remindAndEscalate() {
        Instant now = ClockUtil.now().toInstant();
        for (Long dealId : jdbc.queryForList(ABANDONED, new MapSqlParameterSource(), Long.class)) {
            deals.closeAbandoned(dealId, now);
        }
        List<String> stagesInUse = jdbc.queryForList("select distinct stage_key from deal where status = 'OPEN'"
                + " and stage_key is not null", new MapSqlParameterSource(), String.class);
        int reminded = 0;
        int escalated = 0;
        for (Stage stage : model.stagesIncluding(stagesInUse)) {
            for (Long dealId : due(stage, stage.idleLimit(), FollowUpKind.IDLE_REMINDER, now)) {
                followUps.remindOwner(dealId, FollowUpKind.IDLE_REMINDER);
                reminded++;
            }
            for (Long dealId : due(stage, stage.escalationLimit(), FollowUpKind.IDLE_ESCALATION, now)) {
                followUps.escalate(dealId, FollowUpKind.IDLE_ESCALATION, escalationGroup);
                escalated++;
            }
        }
        return new Result(reminded, escalated);
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
