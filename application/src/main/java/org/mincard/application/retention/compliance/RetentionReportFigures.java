package org.mincard.application.retention.compliance;

import org.mincard.application.oversight.RetentionFigures;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Retention's counts for the annual transparency report, calendar years in UTC. Purges come from the
 * PersonalDataPurged events (stored with their purge time), so they count every sweep that ever ran, whatever the
 * sweep tables hold; holds come from the hold register.
 */
@Component
class RetentionReportFigures implements RetentionFigures {

    private final JdbcTemplate jdbc;

    RetentionReportFigures(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<String, Long> purgesByRuleAndClass(int year) {
        Map<String, Long> purges = new LinkedHashMap<>();
        jdbc.query("""
                SELECT p->>'ruleId' || '/' || (p->>'dataClass'), count(*)
                FROM (SELECT convert_from(e.payload, 'UTF8')::jsonb AS p FROM domainevententry e
                      WHERE e.payloadtype LIKE '%.PersonalDataPurged'
                        AND e.timestamp >= ? AND e.timestamp < ?) purged
                GROUP BY 1 ORDER BY 1""", row -> {
            purges.put(row.getString(1), row.getLong(2));
        }, year + "-01-01", (year + 1) + "-01-01");
        return purges;
    }

    @Override
    public Map<String, Long> holds(int year) {
        Timestamp start = Timestamp.from(LocalDate.of(year, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC));
        Timestamp end = Timestamp.from(LocalDate.of(year + 1, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC));
        Map<String, Long> holds = new LinkedHashMap<>();
        jdbc.query("""
                SELECT count(*) FILTER (WHERE placed_at >= ? AND placed_at < ?),
                       count(*) FILTER (WHERE released_at >= ? AND released_at < ?),
                       count(*) FILTER (WHERE placed_at < ? AND (released_at IS NULL OR released_at >= ?))
                FROM retention.legal_hold""", row -> {
            holds.put("placed", row.getLong(1));
            holds.put("released", row.getLong(2));
            holds.put("active at year end", row.getLong(3));
        }, start, end, start, end, end, end);
        return holds;
    }
}
