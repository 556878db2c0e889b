package io.dealflow.pipeline;

import io.dealflow.stage.SalesModel;
import io.dealflow.stage.Stage;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The manager's read model. Now: the running stage totals plus one count of idle deals on an index; as of a
 * past moment: one aggregate over the stage history. The stages, their order, probabilities and idle limits
 * come from the deployed model.
 */
@Service
public class PipelineService {

    private static final BigDecimal SECONDS_PER_DAY = BigDecimal.valueOf(86_400);

    /** Open deals now: the running totals per stage, currency and owner (see {@link StageTotals}). */
    private static final String NOW = """
            select t.stage_key as stage_key, max(t.stage_name) as stage_name, sum(t.deals) as deals,
                   sum(t.total) as total, sum(t.entered_seconds) as entered_seconds, sum(t.unvalued) as unvalued
            from stage_total t
            where t.currency = :currency %s
            group by t.stage_key
            having sum(t.deals) > 0
            """;

    /** A stage's idle open deals now: a range of the index (status, currency, stage_key, stage_entered_at, owner). */
    private static final String IDLE_NOW = """
            select cast(:s%1$d as varchar(255)) as stage_key, count(*) as idle
            from deal d
            where d.status = 'OPEN' and d.currency = :currency and d.stage_key = :s%1$d and d.stage_entered_at < :t%1$d %2$s
            """;

    /** Open deals at a past moment: the stage visits that had begun and not yet ended then. */
    private static final String AS_OF = """
            select v.stage_key as stage_key, max(v.stage_name) as stage_name, count(*) as deals, sum(d.amount) as total,
                   sum(cast(floor(extract(epoch from v.entered_at)) as bigint)) as entered_seconds,
                   sum(case when %s then 1 else 0 end) as idle,
                   sum(case when d.amount is null then 1 else 0 end) as unvalued
            from stage_visit v join deal d on d.id = v.deal_id
            where v.entered_at <= :asOf and (v.left_at is null or v.left_at > :asOf)
              and d.currency = :currency %s
            group by v.stage_key
            """;

    private final NamedParameterJdbcTemplate jdbc;
    private final SalesModel model;

    public PipelineService(NamedParameterJdbcTemplate jdbc, SalesModel model) {
        this.jdbc = jdbc;
        this.model = model;
    }

    @Transactional(readOnly = true)
    public Pipeline pipeline(PipelineQuery query) {
        Instant reference = query.asOf() != null ? query.asOf() : Instant.now();
        List<Stage> modelStages = model.currentStages();
        Map<String, Row> rows = query.asOf() != null ? rowsAsOf(query) : rowsNow(query, reference);

        List<Stage> stages = new ArrayList<>(model.stagesIncluding(rows.keySet()));
        // deals in a stage no deployed version knows any more (its deployment was deleted) still count
        rows.forEach((key, row) -> {
            if (stages.stream().noneMatch(stage -> stage.key().equals(key))) {
                stages.add(new Stage(key, row.name(), BigDecimal.ZERO, null));
            }
        });
        List<Pipeline.StageColumn> columns = new ArrayList<>();
        long count = 0;
        long idleCount = 0;
        long unvaluedCount = 0;
        BigDecimal value = BigDecimal.ZERO;
        BigDecimal weighted = BigDecimal.ZERO;
        for (Stage stage : stages) {
            boolean current = modelStages.stream().anyMatch(s -> s.key().equals(stage.key()));
            Row row = rows.getOrDefault(stage.key(), Row.EMPTY);
            BigDecimal stageWeighted = row.total().multiply(stage.probability()).setScale(2, RoundingMode.HALF_UP);
            columns.add(new Pipeline.StageColumn(stage.key(), stage.name(), row.count(), money(row.total()),
                    stageWeighted, stage.probability(),
                    stage.idleLimit() == null ? null : isoDuration(stage.idleLimit()),
                    averageDays(row, reference), row.idle(), row.unvalued(), current));
            count += row.count();
            idleCount += row.idle();
            unvaluedCount += row.unvalued();
            value = value.add(row.total());
            weighted = weighted.add(stageWeighted);
        }
        ProcessDefinition definition = model.latest().orElse(null);
        return new Pipeline(model.processKey(), definition == null ? null : definition.getName(),
                definition == null ? null : definition.getVersion(), query.currency(), query.owner(), query.asOf(),
                columns, new Pipeline.Totals(count, money(value), money(weighted), idleCount, unvaluedCount));
    }

    private Map<String, Row> rowsNow(PipelineQuery query, Instant reference) {
        MapSqlParameterSource params = new MapSqlParameterSource("currency", query.currency());
        String ownerFilter = ownerFilter(query, params, "t");
        Map<String, Row> rows = new HashMap<>();
        jdbc.query(NOW.formatted(ownerFilter), params, rs -> {
            rows.put(rs.getString("stage_key"), new Row(rs.getString("stage_name"), rs.getLong("deals"),
                    orZero(rs.getBigDecimal("total")), rs.getLong("entered_seconds"), 0, rs.getLong("unvalued")));
        });
        // the stages that hold deals, a stage taken out of the latest model (with its own idle limit) included
        List<Stage> limited = model.stagesIncluding(rows.keySet()).stream()
                .filter(stage -> stage.idleLimit() != null && rows.containsKey(stage.key())).toList();
        if (!limited.isEmpty()) {
            String dealOwnerFilter = ownerFilter(query, params, "d");
            List<String> counts = new ArrayList<>();
            for (int i = 0; i < limited.size(); i++) {
                params.addValue("s" + i, limited.get(i).key());
                params.addValue("t" + i, Timestamp.from(reference.minus(limited.get(i).idleLimit())));
                counts.add(IDLE_NOW.formatted(i, dealOwnerFilter));
            }
            jdbc.query(String.join(" union all ", counts), params, rs -> {
                long idle = rs.getLong("idle");
                rows.computeIfPresent(rs.getString("stage_key"), (key, row) -> row.withIdle(idle));
            });
        }
        return rows;
    }

    private Map<String, Row> rowsAsOf(PipelineQuery query) {
        MapSqlParameterSource params = new MapSqlParameterSource("currency", query.currency())
                .addValue("asOf", Timestamp.from(query.asOf()));
        String ownerFilter = ownerFilter(query, params, "d");
        String idle = idleCondition(allStagesWithLimits(), "v.stage_key", "v.entered_at", query.asOf(), params);
        Map<String, Row> rows = new HashMap<>();
        jdbc.query(AS_OF.formatted(idle, ownerFilter), params, rs -> {
            rows.put(rs.getString("stage_key"), new Row(rs.getString("stage_name"), rs.getLong("deals"),
                    orZero(rs.getBigDecimal("total")), rs.getLong("entered_seconds"), rs.getLong("idle"),
                    rs.getLong("unvalued")));
        });
        return rows;
    }

    private static String ownerFilter(PipelineQuery query, MapSqlParameterSource params, String alias) {
        if (query.owner() == null) {
            return "";
        }
        params.addValue("owner", query.owner());
        return "and %s.owner = :owner".formatted(alias);
    }

    /** Every stage of every version, so a stage taken out of the model keeps its idle limit. */
    private List<Stage> allStagesWithLimits() {
        return model.everyStage().stream().filter(stage -> stage.idleLimit() != null).toList();
    }

    /** "(stage_key = :s0 and entered < :t0) or ...": a deal is idle when it entered its stage before the limit. */
    private static String idleCondition(List<Stage> stages, String stageColumn, String enteredColumn,
                                        Instant reference, MapSqlParameterSource params) {
        if (stages.isEmpty()) {
            return "1 = 0";
        }
        List<String> conditions = new ArrayList<>();
        for (int i = 0; i < stages.size(); i++) {
            Stage stage = stages.get(i);
            params.addValue("s" + i, stage.key());
            params.addValue("t" + i, Timestamp.from(reference.minus(stage.idleLimit())));
            conditions.add("(%s = :s%d and %s < :t%d)".formatted(stageColumn, i, enteredColumn, i));
        }
        return String.join(" or ", conditions);
    }

    private static BigDecimal averageDays(Row row, Instant reference) {
        if (row.count() == 0) {
            return null;
        }
        BigDecimal averageEntered = BigDecimal.valueOf(row.enteredSeconds())
                .divide(BigDecimal.valueOf(row.count()), 3, RoundingMode.HALF_UP);
        return BigDecimal.valueOf(reference.getEpochSecond()).subtract(averageEntered)
                .divide(SECONDS_PER_DAY, 1, RoundingMode.HALF_UP);
    }

    /** As a process owner writes it in the model: "P7D" rather than Java's "PT168H". */
    private static String isoDuration(java.time.Duration duration) {
        return duration.toSeconds() % 86_400 == 0 ? "P" + duration.toDays() + "D" : duration.toString();
    }

    private static BigDecimal money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP);
    }

    private static BigDecimal orZero(BigDecimal amount) {
        return amount == null ? BigDecimal.ZERO : amount;
    }

    private record Row(String name, long count, BigDecimal total, long enteredSeconds, long idle, long unvalued) {
        static final Row EMPTY = new Row(null, 0, BigDecimal.ZERO, 0, 0, 0);

        Row withIdle(long idleDeals) {
            return new Row(name, count, total, enteredSeconds, idleDeals, unvalued);
        }
    }
}
