package org.mincard.application.oversight.report;

import org.axonframework.queryhandling.QueryGateway;
import org.mincard.application.config.ProcessorProgress;
import org.mincard.application.oversight.RetentionFigures;
import org.mincard.projections.annualfigures.AnnualFigures;
import org.mincard.projections.annualfigures.CountAnnualFigures;
import org.mincard.projections.annualfigures.FigureSection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes the annual report from the {@code annual-figures} read model (cases, outcomes, processing times, cards,
 * purges: counted from the events as Axon delivers them, never from their stored JSON), the legal-hold register,
 * the request register and the access log. Years are calendar years in UTC, by the time each event was stored.
 */
@Component
public class AnnualReports {

    private static final Logger LOG = LoggerFactory.getLogger(AnnualReports.class);
    static final String FIGURES_PROCESSOR = "annual-figures";
    /** How long a report waits for the figures to include every event stored before it was asked for. */
    private static final Duration CATCH_UP = Duration.ofSeconds(10);

    private final JdbcTemplate jdbc;
    private final QueryGateway queries;
    private final ProcessorProgress progress;
    private final int suppressBelow;
    private final RetentionFigures retention;

    AnnualReports(JdbcTemplate jdbc, QueryGateway queries, ProcessorProgress progress,
                  @Value("${mincard.reports.suppress-below}") int suppressBelow, RetentionFigures retention) {
        if (suppressBelow < 1) {
            throw new IllegalStateException("mincard.reports.suppress-below must be at least 1");
        }
        this.jdbc = jdbc;
        this.queries = queries;
        this.progress = progress;
        this.suppressBelow = suppressBelow;
        this.retention = retention;
    }

    public AnnualReport report(int year) {
        String lag = null;
        if (!progress.awaitCaughtUp(FIGURES_PROCESSOR, CATCH_UP)) {
            LOG.warn("Annual report for {}: the {} read model has not caught up with the event store within {}",
                    year, FIGURES_PROCESSOR, CATCH_UP);
            lag = "Counted from the events processed so far: the most recent events may be missing.";
        }
        AnnualFigures figures = queries.query(new CountAnnualFigures(year), AnnualFigures.class).join();
        List<AnnualReport.Section> sections = new ArrayList<>();
        sections.add(section("casesByType", "Cases submitted, by type", figures.section(FigureSection.CASES_BY_TYPE),
                lag));
        sections.add(section("casesBySite", "Cases submitted, by site", figures.section(FigureSection.CASES_BY_SITE),
                lag));
        sections.add(section("casesByOutcome", "Case outcomes recorded", figures.section(FigureSection.CASE_OUTCOMES),
                lag));
        sections.add(processingTimes(figures, lag));
        sections.add(section("cards", "Cards", cards(figures.section(FigureSection.CARDS)), lag));
        sections.add(section("purges", "Values purged, by retention rule and data class",
                retention.purgesByRuleAndClass(year), lag));
        sections.add(section("holds", "Legal holds", retention.holds(year)));
        Object[] year2 = {Date.valueOf(LocalDate.of(year, 1, 1)), Date.valueOf(LocalDate.of(year + 1, 1, 1))};
        sections.add(section("requestsByRequesterType", "Third-party requests received, by requester type",
                pairs("SELECT requester_type, count(*) FROM oversight.data_request WHERE received_on >= ?"
                        + " AND received_on < ? GROUP BY 1 ORDER BY 1", year2)));
        sections.add(section("requestsByInstrument", "Third-party requests received, by legal instrument",
                pairs("SELECT instrument, count(*) FROM oversight.data_request WHERE received_on >= ?"
                        + " AND received_on < ? GROUP BY 1 ORDER BY 1", year2)));
        sections.add(section("requestsByDecision", "Third-party requests received, by decision",
                pairs("SELECT coalesce(decision, 'UNDECIDED'), count(*) FROM oversight.data_request"
                        + " WHERE received_on >= ? AND received_on < ? GROUP BY 1 ORDER BY 1", year2)));
        Object[] instants = {Timestamp.from(LocalDate.of(year, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC)),
                Timestamp.from(LocalDate.of(year + 1, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC))};
        sections.add(section("recordsDisclosed", "Records disclosed for third-party requests", pairs("""
                SELECT 'fields disclosed', count(*) FROM audit.access_record
                WHERE purpose = 'LEGAL_REQUEST' AND outcome = 'SHOWN' AND occurred_at >= ? AND occurred_at < ?
                UNION ALL
                SELECT 'cases with records disclosed', count(DISTINCT case_id) FROM audit.access_record
                WHERE purpose = 'LEGAL_REQUEST' AND outcome = 'SHOWN' AND occurred_at >= ? AND occurred_at < ?""",
                instants[0], instants[1], instants[0], instants[1])));
        sections.add(section("accessByPurpose", "Personal-data reads recorded in the access log, by purpose",
                pairs("SELECT purpose, count(*) FROM audit.access_record WHERE occurred_at >= ? AND occurred_at < ?"
                        + " GROUP BY 1 ORDER BY 1", instants)));
        sections.add(section("accessByOutcome", "Personal-data reads recorded in the access log, by outcome",
                pairs("SELECT outcome, count(*) FROM audit.access_record WHERE occurred_at >= ? AND occurred_at < ?"
                        + " GROUP BY 1 ORDER BY 1", instants)));
        return new AnnualReport(year, suppressBelow, sections);
    }

    private static Map<String, Long> cards(Map<String, Long> counted) {
        Map<String, Long> cards = new LinkedHashMap<>();
        cards.put("issued", counted.getOrDefault("NEW", 0L));
        cards.put("renewed", counted.getOrDefault("RENEWAL", 0L));
        cards.put("replaced", counted.getOrDefault("REPLACEMENT", 0L));
        cards.put("updated", counted.getOrDefault("UPDATE", 0L));
        cards.put("revoked", counted.getOrDefault("REVOKED", 0L));
        return cards;
    }

    /** Days from submission to the decision, for cases decided in the year (median and 90th percentile). */
    private AnnualReport.Section processingTimes(AnnualFigures figures, String lag) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("cases decided", suppress(figures.casesDecided()));
        String note = lag;
        if (figures.casesDecided() >= suppressBelow && figures.medianDays() != null) {
            values.put("median days", Math.round(figures.medianDays() * 10) / 10.0);
            values.put("90th percentile days", Math.round(figures.ninetiethPercentileDays() * 10) / 10.0);
        } else {
            note = "Times are shown only when at least " + suppressBelow + " cases were decided."
                    + (lag == null ? "" : " " + lag);
        }
        return new AnnualReport.Section("processingTimes", "Processing time, submission to decision", values, note);
    }

    private Map<String, Long> pairs(String sql, Object... args) {
        Map<String, Long> values = new LinkedHashMap<>();
        jdbc.query(sql, row -> {
            values.put(row.getString(1), row.getLong(2));
        }, args);
        return values;
    }

    private AnnualReport.Section section(String key, String title, Map<String, Long> counts) {
        return section(key, title, counts, null);
    }

    private AnnualReport.Section section(String key, String title, Map<String, Long> counts, String note) {
        Map<String, Object> values = new LinkedHashMap<>();
        counts.forEach((name, count) -> values.put(name, suppress(count)));
        return new AnnualReport.Section(key, title, values, note);
    }

    /** A count, or "&lt;threshold" for 1 to threshold - 1 (zero reveals nobody). */
    Object suppress(long count) {
        return count > 0 && count < suppressBelow ? "<" + suppressBelow : (Object) count;
    }
}
