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
 * The manager's read model. Each answer is one aggregate query over the deal table (now) or the stage
 * history (as of a past moment), grouped by stage; the stages, their order, probabilities and idle limits
 * come from the deployed model.
 */
@Service
public class PipelineService {

    private static final BigDecimal SECONDS_PER_DAY = BigDecimal.valueOf(86_400);

    /** Open deals now: the deal table knows each deal's current stage and when it entered it. */
    private static final String NOW = """
            select d.stage_key as stage_key, max(d.stage_name) as stage_name, count(*) as deals, sum(d.amount) as total,
                   avg(extract(epoch from d.stage_entered_at)) as entered, sum(case when %s then 1 else 0 end) as idle
            from deal d
            where d.status = 'OPEN' and d.currency = :currency %s
            group by d.stage_key
            """;

    /** Open deals at a past moment: the stage visits that had begun and not yet ended then. */
    private static final String AS_OF = """
            select v.stage_key as stage_key, max(v.stage_name) as stage_name, count(*) as deals, sum(d.amount) as total,
                   avg(extract(epoch from v.entered_at)) as entered, sum(case when %s then 1 else 0 end) as idle
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
        String enteredColumn = query.asOf() != null ? "v.entered_at" : "d.stage_entered_at";
        String stageColumn = query.asOf() != null ? "v.stage_key" : "d.stage_key";
        List<Stage> modelStages = model.currentStages();

        MapSqlParameterSource params = new MapSqlParameterSource("currency", query.currency())
                .addValue("asOf", Timestamp.from(reference));
        String ownerFilter = "";
        if (query.owner() != null) {
            ownerFilter = "and d.owner = :owner";
            params.addValue("owner", query.owner());
        }
        String idle = idleCondition(allStagesWithLimits(), stageColumn, enteredColumn, reference, params);
        String sql = (query.asOf() != null ? AS_OF : NOW).formatted(idle, ownerFilter);

        Map<String, Row> rows = new HashMap<>();
        jdbc.query(sql, params, rs -> {
            rows.put(rs.getString("stage_key"), new Row(rs.getString("stage_name"), rs.getLong("deals"),
                    orZero(rs.getBigDecimal("total")),
                    rs.getBigDecimal("entered"), rs.getLong("idle")));
        });

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
        BigDecimal value = BigDecimal.ZERO;
        BigDecimal weighted = BigDecimal.ZERO;
        for (Stage stage : stages) {
            boolean current = modelStages.stream().anyMatch(s -> s.key().equals(stage.key()));
            Row row = rows.getOrDefault(stage.key(), Row.EMPTY);
            BigDecimal stageWeighted = row.total().multiply(stage.probability()).setScale(2, RoundingMode.HALF_UP);
            columns.add(new Pipeline.StageColumn(stage.key(), stage.name(), row.count(), money(row.total()),
                    stageWeighted, stage.probability(),
                    stage.idleLimit() == null ? null : isoDuration(stage.idleLimit()),
                    averageDays(row.entered(), reference), row.idle(), current));
            count += row.count();
            idleCount += row.idle();
            value = value.add(row.total());
            weighted = weighted.add(stageWeighted);
        }
        ProcessDefinition definition = model.latest().orElse(null);
        return new Pipeline(model.processKey(), definition == null ? null : definition.getName(),
                definition == null ? null : definition.getVersion(), query.currency(), query.owner(), query.asOf(),
                columns, new Pipeline.Totals(count, money(value), money(weighted), idleCount));
    }

    /** Every stage of every version, so an older stage's idle limit counts too. */
    private List<Stage> allStagesWithLimits() {
        return model.stagesIncluding(List.of()).stream().filter(stage -> stage.idleLimit() != null).toList();
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

    private static BigDecimal averageDays(BigDecimal averageEnteredEpoch, Instant reference) {
        if (averageEnteredEpoch == null) {
            return null;
        }
        return BigDecimal.valueOf(reference.getEpochSecond()).subtract(averageEnteredEpoch)
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

    private record Row(String name, long count, BigDecimal total, BigDecimal entered, long idle) {
        static final Row EMPTY = new Row(null, 0, BigDecimal.ZERO, null, 0);
    }
}
