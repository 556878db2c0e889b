package io.dealflow.lead;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The seed's two failure points, per week: marketing hands over weak leads (sales rejects them, with reasons),
 * or sales mishandles good ones (slow to reach the first stage). Weeks are ISO weeks in UTC.
 */
@Service
public class HandOffReport {

    private static final String HAND_OFFS = """
            select h.handed_over_at, h.decision, h.reject_reason,
                   (select min(v.entered_at) from stage_visit v where v.deal_id = h.deal_id) as first_stage_at
            from hand_off h
            where h.handed_over_at >= ? and h.handed_over_at < ?
            order by h.handed_over_at""";

    private final JdbcTemplate jdbc;

    public HandOffReport(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** From the Monday of {@code from}'s week to the end of {@code to}'s week (both dates, UTC). */
    @Transactional(readOnly = true)
    public Report report(LocalDate from, LocalDate to) {
        LocalDate start = from.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        LocalDate end = to.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY)).plusDays(1);
        Map<LocalDate, Tally> weeks = new TreeMap<>();
        Tally total = new Tally();
        jdbc.query(HAND_OFFS, rs -> {
            Instant handedOver = rs.getTimestamp("handed_over_at").toInstant();
            Timestamp firstStage = rs.getTimestamp("first_stage_at");
            HandOffRow row = new HandOffRow(handedOver, rs.getString("decision"), rs.getString("reject_reason"),
                    firstStage == null ? null : firstStage.toInstant());
            LocalDate week = LocalDate.ofInstant(handedOver, ZoneOffset.UTC).with(DayOfWeek.MONDAY);
            weeks.computeIfAbsent(week, w -> new Tally()).add(row);
            total.add(row);
        }, Timestamp.from(start.atStartOfDay(ZoneOffset.UTC).toInstant()),
                Timestamp.from(end.atStartOfDay(ZoneOffset.UTC).toInstant()));
        List<Week> result = new ArrayList<>();
        weeks.forEach((monday, tally) -> result.add(new Week(isoWeek(monday), monday, tally.figures())));
        return new Report(start, end.minusDays(1), result, total.figures());
    }

    private static String isoWeek(LocalDate monday) {
        return "%d-W%02d".formatted(monday.get(IsoFields.WEEK_BASED_YEAR), monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    private record HandOffRow(Instant handedOverAt, String decision, String rejectReason, Instant firstStageAt) {
    }

    private static final class Tally {
        private int handedOver;
        private int accepted;
        private int rejected;
        private final Map<String, Integer> reasons = new LinkedHashMap<>();
        private final List<Duration> toFirstStage = new ArrayList<>();

        void add(HandOffRow row) {
            handedOver++;
            if (HandOff.ACCEPTED.equals(row.decision())) {
                accepted++;
            } else if (HandOff.REJECTED.equals(row.decision())) {
                rejected++;
                reasons.merge(row.rejectReason() == null ? "OTHER" : row.rejectReason(), 1, Integer::sum);
            }
            if (row.firstStageAt() != null) {
                toFirstStage.add(Duration.between(row.handedOverAt(), row.firstStageAt()));
            }
        }

        Figures figures() {
            List<ReasonCount> ranked = reasons.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .map(e -> new ReasonCount(e.getKey(), e.getValue())).toList();
            return new Figures(handedOver, accepted, rejected, handedOver - accepted - rejected,
                    handedOver == 0 ? null : BigDecimal.valueOf(rejected).divide(BigDecimal.valueOf(handedOver), 2,
                            RoundingMode.HALF_UP),
                    ranked, medianHours(toFirstStage));
        }

        private static BigDecimal medianHours(List<Duration> durations) {
            if (durations.isEmpty()) {
                return null;
            }
            List<Duration> sorted = durations.stream().sorted(Comparator.naturalOrder()).toList();
            int n = sorted.size();
            long seconds = n % 2 == 1 ? sorted.get(n / 2).toSeconds()
                    : (sorted.get(n / 2 - 1).toSeconds() + sorted.get(n / 2).toSeconds()) / 2;
            return BigDecimal.valueOf(seconds).divide(BigDecimal.valueOf(3600), 1, RoundingMode.HALF_UP);
        }
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Report(LocalDate from, LocalDate to, List<Week> weeks, Figures totals) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Week(String week, LocalDate weekStart, Figures figures) {
    }

    /**
     * {@code pending}: handed over, not yet decided by sales. {@code medianHoursToFirstStage}: from hand-off to
     * the deal reaching its first stage, over the accepted ones.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Figures(int handedOver, int accepted, int rejected, int pending, BigDecimal rejectionRate,
                          List<ReasonCount> rejectedReasons, BigDecimal medianHoursToFirstStage) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ReasonCount(String reason, int count) {
    }
}
