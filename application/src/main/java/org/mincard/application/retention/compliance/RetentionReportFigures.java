package org.mincard.application.retention.compliance;

import org.axonframework.queryhandling.QueryGateway;
import org.mincard.application.oversight.RetentionFigures;
import org.mincard.projections.annualfigures.AnnualFigures;
import org.mincard.projections.annualfigures.CountAnnualFigures;
import org.mincard.projections.annualfigures.FigureSection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Retention's counts for the annual transparency report, calendar years in UTC. Purges come from the
 * PersonalDataPurged events (stored with their purge time) as the {@code annual-figures} read model counts them, so
 * they count every sweep that ever ran, whatever the sweep tables hold; holds come from the hold register.
 */
@Component
class RetentionReportFigures implements RetentionFigures {

    private final JdbcTemplate jdbc;
    private final QueryGateway queries;

    RetentionReportFigures(JdbcTemplate jdbc, QueryGateway queries) {
        this.jdbc = jdbc;
        this.queries = queries;
    }

    @Override
    public Map<String, Long> purgesByRuleAndClass(int year) {
        return queries.query(new CountAnnualFigures(year), AnnualFigures.class).join().section(FigureSection.PURGES);
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
