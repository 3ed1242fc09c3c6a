package org.mincard.application.retention.compliance;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.mincard.application.retention.holds.HeldItems;
import org.mincard.domain.retention.RetentionPolicy;
import org.mincard.application.web.RequestProblems;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/** Forecast (what would be purged by a date) and the compliance check: counts and ids, never personal data. */
@RestController
@Tag(name = "Retention")
class RetentionReportsController {

    private final JdbcTemplate jdbc;
    private final HeldItems holds;
    private final ComplianceCheck compliance;
    private final RetentionPolicy policy;
    private final Clock clock;

    RetentionReportsController(JdbcTemplate jdbc, HeldItems holds, ComplianceCheck compliance,
                               RetentionPolicy policy, Clock clock) {
        this.jdbc = jdbc;
        this.holds = holds;
        this.compliance = compliance;
        this.policy = policy;
        this.clock = clock;
    }

    record ForecastRow(String ruleId, String dataClass, int due, int held) {
    }

    record Forecast(String profile, String policyVersion, LocalDate until, int due, int held, List<ForecastRow> rows) {
    }

    @GetMapping("/api/v1/retention/forecast")
    @Operation(summary = "What a sweep would purge by the end of a date (UTC), per rule and class; held items apart")
    Forecast forecast(@RequestParam LocalDate until) {
        if (until.isAfter(LocalDate.now(clock.withZone(ZoneOffset.UTC)).plusYears(100))) {
            throw RequestProblems.invalid("until", "must be within 100 years");
        }
        Instant end = until.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        record Row(UUID cardholderId, String dataClass, String ruleId) {
        }
        List<Row> rows = jdbc.query("""
                SELECT si.cardholder_id, si.data_class, si.rule_id FROM retention.schedule_item si
                LEFT JOIN retention.purge_record p
                       ON p.cardholder_id = si.cardholder_id AND p.data_class = si.data_class
                WHERE si.due_at < ? AND (p.purged_at IS NULL OR p.purged_at < si.sealed_at)""",
                (rs, i) -> new Row(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)),
                Timestamp.from(end));
        Set<UUID> held = holds.held(rows.stream().map(Row::cardholderId).distinct().toList());
        Map<String, int[]> counts = new TreeMap<>();
        int due = 0;
        int heldCount = 0;
        for (Row row : rows) {
            int[] count = counts.computeIfAbsent(row.ruleId() + "\u0000" + row.dataClass(), k -> new int[2]);
            if (held.contains(row.cardholderId())) {
                count[1]++;
                heldCount++;
            } else {
                count[0]++;
                due++;
            }
        }
        List<ForecastRow> result = new ArrayList<>();
        counts.forEach((key, count) -> {
            String[] parts = key.split("\u0000");
            result.add(new ForecastRow(parts[0], parts[1], count[0], count[1]));
        });
        return new Forecast(policy.profile(), policy.version(), until, due, heldCount, result);
    }

    @GetMapping("/api/v1/retention/compliance")
    @Operation(summary = "Recompute from the event store alone: violations (overdue, not held) and early purges")
    ComplianceCheck.Report compliance() {
        return compliance.check();
    }
}
