package io.dealflow.process.watch;

import io.dealflow.deal.DealService;
import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * "Close abandoned deals" in the idle deal watch: an open deal whose process instance no longer runs (cancelled
 * in Cockpit, where custom listeners are skipped by default) is recorded as lost (see
 * {@link DealService#closeAbandoned}), so it neither rots nor counts in the pipeline. Sends no email, so it runs
 * in the engine's transaction, before "Remind owners of idle deals".
 */
@Component("closeAbandonedDeals")
public class CloseAbandonedDeals implements JavaDelegate {

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

    private final NamedParameterJdbcTemplate jdbc;
    private final DealService deals;

    public CloseAbandonedDeals(NamedParameterJdbcTemplate jdbc, DealService deals) {
        this.jdbc = jdbc;
        this.deals = deals;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Instant now = ClockUtil.now().toInstant();
        for (Long dealId : jdbc.queryForList(ABANDONED, new MapSqlParameterSource(), Long.class)) {
            deals.closeAbandoned(dealId, now);
        }
    }
}
