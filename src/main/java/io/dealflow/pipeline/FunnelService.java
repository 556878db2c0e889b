package io.dealflow.pipeline;

import io.dealflow.stage.SalesModel;
import io.dealflow.stage.Stage;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** How deals flow through the stages over time, and what the open ones should bring in. Aggregates only. */
@Service
public class FunnelService {

    private final NamedParameterJdbcTemplate jdbc;
    private final SalesModel model;

    public FunnelService(NamedParameterJdbcTemplate jdbc, SalesModel model) {
        this.jdbc = jdbc;
        this.model = model;
    }

    @Transactional(readOnly = true)
    public Funnel funnel(LocalDate from, LocalDate to, String owner) {
        MapSqlParameterSource params = new MapSqlParameterSource()
                .addValue("from", Timestamp.from(from.atStartOfDay(ZoneOffset.UTC).toInstant()))
                .addValue("to", Timestamp.from(to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()))
                .addValue("owner", owner);
        String opened = "d.opened_at >= :from and d.opened_at < :to"
                + (owner == null ? "" : " and d.owner = :owner");

        Map<String, Long> reached = new HashMap<>();
        jdbc.query("select v.stage_key, count(distinct v.deal_id) from stage_visit v join deal d on d.id = v.deal_id"
                + " where " + opened + " group by v.stage_key",
                params, rs -> {
                    reached.put(rs.getString(1), rs.getLong(2));
                });
        Map<String, Object> outcome = jdbc.queryForMap("""
                select count(*) as opened,
                       coalesce(sum(case when d.status = 'WON' then 1 else 0 end), 0) as won,
                       coalesce(sum(case when d.status = 'LOST' then 1 else 0 end), 0) as lost
                from deal d where %s""".formatted(opened), params);
        BigDecimal medianSeconds = jdbc.queryForObject("""
                select percentile_cont(0.5) within group (
                         order by extract(epoch from d.closed_at) - extract(epoch from d.opened_at))
                from deal d where d.status = 'WON' and %s""".formatted(opened), params, BigDecimal.class);
        List<Funnel.LostReasonCount> reasons = jdbc.query("""
                select d.lost_reason, count(*) as deals from deal d where d.status = 'LOST' and %s
                group by d.lost_reason order by deals desc, d.lost_reason""".formatted(opened), params,
                (rs, i) -> new Funnel.LostReasonCount(rs.getString(1), rs.getLong(2)));

        List<Stage> stages = model.stagesIncluding(reached.keySet());
        List<Funnel.StageReach> reach = new ArrayList<>();
        for (int i = 0; i < stages.size(); i++) {
            long here = reached.getOrDefault(stages.get(i).key(), 0L);
            BigDecimal conversion = null;
            if (i + 1 < stages.size() && here > 0) {
                conversion = ratio(reached.getOrDefault(stages.get(i + 1).key(), 0L), here);
            }
            reach.add(new Funnel.StageReach(stages.get(i).key(), stages.get(i).name(), here, conversion));
        }
        long won = ((Number) outcome.get("won")).longValue();
        long lost = ((Number) outcome.get("lost")).longValue();
        return new Funnel(from, to, owner, ((Number) outcome.get("opened")).longValue(), won, lost,
                won + lost == 0 ? null : ratio(won, won + lost),
                medianSeconds == null ? null : medianSeconds.divide(BigDecimal.valueOf(86_400), 1, RoundingMode.HALF_UP),
                reach, reasons);
    }

    @Transactional(readOnly = true)
    public Forecast forecast(String currency, String owner) {
        MapSqlParameterSource params = new MapSqlParameterSource("currency", currency).addValue("owner", owner);
        // every version's stages: a deal in a stage taken out of the model is weighed by that stage's probability
        List<Stage> stages = model.everyStage();
        StringBuilder probability = new StringBuilder("case d.stage_key");
        for (int i = 0; i < stages.size(); i++) {
            // typed, or H2 takes the parameter for an integer and rounds the probability away
            probability.append(" when :s").append(i).append(" then cast(:p").append(i).append(" as decimal(7, 4))");
            params.addValue("s" + i, stages.get(i).key()).addValue("p" + i, stages.get(i).probability());
        }
        probability.append(" else 0 end");
        String sql = """
                select extract(year from d.expected_decision_on) as y, extract(month from d.expected_decision_on) as m,
                       count(*) as deals, coalesce(sum(d.amount), 0) as total,
                       coalesce(sum(d.amount * %s), 0) as weighted,
                       sum(case when d.amount is null then 1 else 0 end) as unvalued
                from deal d where d.status = 'OPEN' and d.currency = :currency %s
                group by extract(year from d.expected_decision_on), extract(month from d.expected_decision_on)
                order by y, m""".formatted(probability, owner == null ? "" : "and d.owner = :owner");
        List<Forecast.Month> months = jdbc.query(sql, params, (rs, i) -> {
            int year = rs.getInt("y");
            String month = rs.wasNull() ? null : "%04d-%02d".formatted(year, rs.getInt("m"));
            return new Forecast.Month(month, rs.getLong("deals"),
                    rs.getBigDecimal("total").setScale(2, RoundingMode.HALF_UP),
                    rs.getBigDecimal("weighted").setScale(2, RoundingMode.HALF_UP), rs.getLong("unvalued"));
        });
        List<Forecast.Month> ordered = new ArrayList<>(months.stream().filter(m -> m.month() != null).toList());
        months.stream().filter(m -> m.month() == null).forEach(ordered::add);
        return new Forecast(currency, owner, ordered);
    }

    private static BigDecimal ratio(long part, long whole) {
        return BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
    }
}
