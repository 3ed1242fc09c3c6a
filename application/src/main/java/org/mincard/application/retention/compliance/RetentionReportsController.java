package org.mincard.application.retention.compliance;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.mincard.application.retention.compliance.DueItems.DueItem;
import org.mincard.application.retention.holds.HeldItems;
import org.mincard.application.web.RequestProblems;
import org.mincard.domain.retention.RetentionPolicy;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

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

    private final DueItems dueItems;
    private final HeldItems holds;
    private final ComplianceCheck compliance;
    private final RetentionPolicy policy;
    private final Clock clock;

    RetentionReportsController(DueItems dueItems, HeldItems holds, ComplianceCheck compliance,
                               RetentionPolicy policy, Clock clock) {
        this.dueItems = dueItems;
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
        List<DueItem> rows = dueItems.dueBefore(end);
        Set<UUID> held = holds.held(rows.stream().map(DueItem::cardholderId).distinct().toList());
        Map<String, int[]> counts = new TreeMap<>();
        int due = 0;
        int heldCount = 0;
        for (DueItem row : rows) {
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
