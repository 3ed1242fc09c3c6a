package org.mincard.application.retention.compliance;

import org.mincard.application.retention.compliance.DueItems.DueItem;
import org.mincard.application.retention.holds.HeldItems;
import org.mincard.domain.retention.RetentionPolicy;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What sweeps will purge, and when, for the API and the records officer's screen alike: schedule items that fall
 * due and were not purged since they were sealed, counted per rule and class (by a date) or per class and month,
 * held items apart (a hold suspends their purge). Counts only, never personal data.
 */
@Component
public class RetentionForecast {

    private final DueItems dueItems;
    private final HeldItems holds;
    private final RetentionPolicy policy;
    private final Clock clock;

    RetentionForecast(DueItems dueItems, HeldItems holds, RetentionPolicy policy, Clock clock) {
        this.dueItems = dueItems;
        this.holds = holds;
        this.policy = policy;
        this.clock = clock;
    }

    /** One rule and class: items a sweep would purge, and items a hold keeps. */
    public record ForecastRow(String ruleId, String dataClass, int due, int held) {
    }

    /** What a sweep would purge by the end of {@code until} (UTC), per rule and class. */
    public record Forecast(String profile, String policyVersion, LocalDate until, int due, int held,
                           List<ForecastRow> rows) {
    }

    /** One class in one month: items falling due that month (the current month includes those already due). */
    public record MonthRow(YearMonth month, String dataClass, int due, int held) {
    }

    /** The months ahead, and the totals per class over them. */
    public record Months(String profile, String policyVersion, ZoneId zone, List<YearMonth> months,
                         List<MonthRow> rows) {
    }

    public Forecast until(LocalDate until) {
        Instant end = until.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        List<DueItem> rows = dueItems.dueBefore(end);
        Set<UUID> held = held(rows);
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

    /**
     * Per class and month, for this month and the {@code months - 1} after it, in the city's zone: what falls due
     * each month (this month also counts what is due already and waits for the next sweep).
     */
    public Months byMonth(ZoneId zone, int months) {
        YearMonth first = YearMonth.from(clock.instant().atZone(zone));
        YearMonth last = first.plusMonths(months - 1L);
        Instant end = last.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        List<DueItem> rows = dueItems.dueBefore(end);
        Set<UUID> held = held(rows);
        Map<String, int[]> counts = new TreeMap<>();
        for (DueItem row : rows) {
            YearMonth month = YearMonth.from(row.dueAt().atZone(zone));
            if (month.isBefore(first)) {
                month = first;
            }
            int[] count = counts.computeIfAbsent(month + "\u0000" + row.dataClass(), k -> new int[2]);
            count[held.contains(row.cardholderId()) ? 1 : 0]++;
        }
        List<MonthRow> result = new ArrayList<>();
        counts.forEach((key, count) -> {
            String[] parts = key.split("\u0000");
            result.add(new MonthRow(YearMonth.parse(parts[0]), parts[1], count[0], count[1]));
        });
        List<YearMonth> shown = new ArrayList<>();
        for (YearMonth month = first; !month.isAfter(last); month = month.plusMonths(1)) {
            shown.add(month);
        }
        return new Months(policy.profile(), policy.version(), zone, shown, result);
    }

    private Set<UUID> held(List<DueItem> rows) {
        return holds.held(rows.stream().map(DueItem::cardholderId).distinct().toList());
    }
}
