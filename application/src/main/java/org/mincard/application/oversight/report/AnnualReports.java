package org.mincard.application.oversight.report;

import org.mincard.application.oversight.RetentionFigures;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes the annual report from the event store (event payloads are JSON; only codes and ids are read, never a
 * sealed value), the request register and the access log. Years are calendar years in UTC, by the time each event
 * was stored.
 */
@Component
class AnnualReports {

    private static final String EVENTS = """
            SELECT e.aggregateidentifier AS aggregate_id, e.timestamp AS stored_at,
                   substring(e.payloadtype from '[^.]+$') AS event, convert_from(e.payload, 'UTF8')::jsonb AS p
            FROM domainevententry e
            WHERE e.timestamp >= ? AND e.timestamp < ? AND substring(e.payloadtype from '[^.]+$') = ANY (?::text[])""";

    private final JdbcTemplate jdbc;
    private final int suppressBelow;
    private final RetentionFigures retention;

    AnnualReports(JdbcTemplate jdbc, @Value("${mincard.reports.suppress-below}") int suppressBelow,
                  RetentionFigures retention) {
        if (suppressBelow < 1) {
            throw new IllegalStateException("mincard.reports.suppress-below must be at least 1");
        }
        this.jdbc = jdbc;
        this.suppressBelow = suppressBelow;
        this.retention = retention;
    }

    AnnualReport report(int year) {
        String from = year + "-01-01";
        String to = (year + 1) + "-01-01";
        List<AnnualReport.Section> sections = new ArrayList<>();
        sections.add(section("casesByType", "Cases submitted, by type", grouped("""
                SELECT p->>'type', count(*) FROM (%s) x GROUP BY 1 ORDER BY 1""", from, to, "CaseSubmitted")));
        sections.add(section("casesBySite", "Cases submitted, by site", grouped("""
                SELECT p->>'siteId', count(*) FROM (%s) x GROUP BY 1 ORDER BY 1""", from, to, "CaseSubmitted")));
        sections.add(section("casesByOutcome", "Case outcomes recorded", grouped("""
                SELECT CASE event WHEN 'CaseApproved' THEN 'APPROVED' WHEN 'CaseDenied' THEN 'DENIED'
                                  WHEN 'CaseWithdrawn' THEN 'WITHDRAWN' WHEN 'CaseAbandoned' THEN 'ABANDONED'
                                  WHEN 'CaseCancelled' THEN 'CANCELLED' WHEN 'ApplicantDidNotShow' THEN 'NO_SHOW'
                                  WHEN 'AppealGranted' THEN 'APPEAL_GRANTED' ELSE 'APPEAL_UPHELD' END, count(*)
                FROM (%s) x GROUP BY 1 ORDER BY 1""", from, to, "CaseApproved", "CaseDenied", "CaseWithdrawn",
                "CaseAbandoned", "CaseCancelled", "ApplicantDidNotShow", "AppealGranted", "AppealUpheld")));
        sections.add(processingTimes(from, to));
        sections.add(section("cards", "Cards", cards(from, to)));
        sections.add(section("purges", "Values purged, by retention rule and data class",
                retention.purgesByRuleAndClass(year)));
        sections.add(section("holds", "Legal holds", retention.holds(year)));
        Object[] year2 = {java.sql.Date.valueOf(LocalDate.of(year, 1, 1)),
                java.sql.Date.valueOf(LocalDate.of(year + 1, 1, 1))};
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

    private Map<String, Long> cards(String from, String to) {
        Map<String, Long> cards = new LinkedHashMap<>();
        Map<String, Long> produced = grouped("SELECT p->>'caseType', count(*) FROM (%s) x GROUP BY 1",
                from, to, "CardProduced");
        cards.put("issued", produced.getOrDefault("NEW", 0L));
        cards.put("renewed", produced.getOrDefault("RENEWAL", 0L));
        cards.put("replaced", produced.getOrDefault("REPLACEMENT", 0L));
        cards.put("updated", produced.getOrDefault("UPDATE", 0L));
        cards.put("revoked", grouped("SELECT 'revoked', count(*) FROM (%s) x", from, to, "CardRevoked")
                .getOrDefault("revoked", 0L));
        return cards;
    }

    /** Days from submission to the decision, for cases decided in the year (median and 90th percentile). */
    private AnnualReport.Section processingTimes(String from, String to) {
        String sql = """
                WITH decided AS (%s),
                     submitted AS (SELECT e.aggregateidentifier AS aggregate_id,
                                          convert_from(e.payload, 'UTF8')::jsonb->>'submittedAt' AS submitted_at
                                   FROM domainevententry e WHERE e.payloadtype LIKE '%%.CaseSubmitted'),
                     days AS (SELECT extract(epoch FROM (coalesce(d.p->>'approvedAt', d.p->>'deniedAt'))::timestamptz
                                             - s.submitted_at::timestamptz) / 86400.0 AS d
                              FROM decided d JOIN submitted s ON s.aggregate_id = d.aggregate_id)
                SELECT count(*), percentile_cont(0.5) WITHIN GROUP (ORDER BY d),
                       percentile_cont(0.9) WITHIN GROUP (ORDER BY d) FROM days""".formatted(EVENTS);
        Map<String, Object> values = new LinkedHashMap<>();
        String note = null;
        jdbc.query(sql, row -> {
            long count = row.getLong(1);
            values.put("cases decided", suppress(count));
            if (count >= suppressBelow && count > 0) {
                values.put("median days", Math.round(row.getDouble(2) * 10) / 10.0);
                values.put("90th percentile days", Math.round(row.getDouble(3) * 10) / 10.0);
            }
        }, from, to, new String[]{"CaseApproved", "CaseDenied"});
        if (!values.containsKey("median days")) {
            note = "Times are shown only when at least " + suppressBelow + " cases were decided.";
        }
        return new AnnualReport.Section("processingTimes", "Processing time, submission to decision", values, note);
    }

    private Map<String, Long> grouped(String template, String from, String to, String... events) {
        Map<String, Long> values = new LinkedHashMap<>();
        jdbc.query(template.formatted(EVENTS), row -> {
            values.put(String.valueOf(row.getString(1)), row.getLong(2));
        }, from, to, events);
        return values;
    }

    private Map<String, Long> pairs(String sql, Object... args) {
        Map<String, Long> values = new LinkedHashMap<>();
        jdbc.query(sql, row -> {
            values.put(row.getString(1), row.getLong(2));
        }, args);
        return values;
    }

    private AnnualReport.Section section(String key, String title, Map<String, Long> counts) {
        Map<String, Object> values = new LinkedHashMap<>();
        counts.forEach((name, count) -> values.put(name, suppress(count)));
        return new AnnualReport.Section(key, title, values, null);
    }

    /** A count, or "&lt;threshold" for 1 to threshold - 1 (zero reveals nobody). */
    Object suppress(long count) {
        return count > 0 && count < suppressBelow ? "<" + suppressBelow : (Object) count;
    }
}
