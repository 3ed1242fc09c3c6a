package org.mincard.projections.workqueue;

import org.axonframework.queryhandling.QueryHandler;
import org.mincard.domain.shared.CaseType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Answers the dashboard from the pre-aggregated fact and stay tables: each query reads only the rows of the asked
 * days (index on site and day), never the cases themselves. Percentiles are computed over the day's stays with
 * {@code percentile_cont}; SLA breaches compare each stay with the SLA configured now.
 */
@Component
class DashboardQueries {

    private final JdbcTemplate jdbc;
    private final QueueSla sla;

    DashboardQueries(JdbcTemplate jdbc, QueueSla sla) {
        this.jdbc = jdbc;
        this.sla = sla;
    }

    private static final class Day {
        long received;
        final Map<String, Long> completed = new TreeMap<>();
        final List<Dashboard.QueueTime> queues = new ArrayList<>();
        final Map<String, long[]> clerks = new TreeMap<>();
        final Map<String, Long> denials = new TreeMap<>();
        final Map<String, Long> revocations = new TreeMap<>();
    }

    private record Key(LocalDate day, UUID siteId) implements Comparable<Key> {
        @Override
        public int compareTo(Key other) {
            int byDay = day.compareTo(other.day);
            return byDay != 0 ? byDay : siteId.compareTo(other.siteId);
        }
    }

    @QueryHandler
    Dashboard handle(GetDashboard query) {
        Map<Key, Day> days = new TreeMap<>();
        String siteFilter = query.sites() == null ? "" : " AND site_id = ANY(?::uuid[])";
        List<Object> factParams = new ArrayList<>(List.of(Date.valueOf(query.from()), Date.valueOf(query.to())));
        addSites(factParams, query);
        jdbc.query("""
                SELECT day, site_id, kind, detail, clerk_id, count(*) AS n FROM read_model.dashboard_fact
                WHERE day BETWEEN ? AND ?""" + siteFilter + " GROUP BY day, site_id, kind, detail, clerk_id",
                rs -> {
                    Day day = days.computeIfAbsent(new Key(rs.getObject("day", LocalDate.class),
                            rs.getObject("site_id", UUID.class)), key -> new Day());
                    long n = rs.getLong("n");
                    String detail = rs.getString("detail");
                    String clerk = rs.getString("clerk_id");
                    switch (rs.getString("kind")) {
                        case "RECEIVED" -> day.received += n;
                        case "COMPLETED" -> {
                            day.completed.merge(detail, n, Long::sum);
                            if (clerk != null) {
                                day.clerks.computeIfAbsent(clerk, c -> new long[3])[2] += n;
                            }
                        }
                        case "DENIED" -> day.denials.merge(detail, n, Long::sum);
                        case "ASSIGNED" -> day.clerks.computeIfAbsent(clerk, c -> new long[3])[0] += n;
                        default -> {
                        }
                    }
                }, factParams.toArray());

        List<Object> revocationParams = new ArrayList<>(List.of(Date.valueOf(query.from()), Date.valueOf(query.to())));
        addSites(revocationParams, query);
        jdbc.query("""
                SELECT r.day, w.site_id, r.reason, count(*) AS n FROM read_model.card_revocation r
                JOIN read_model.work_queue_item w ON w.card_id = r.card_id
                WHERE r.day BETWEEN ? AND ?""" + siteFilter.replace("site_id", "w.site_id")
                + " GROUP BY r.day, w.site_id, r.reason",
                rs -> {
                    Day day = days.computeIfAbsent(new Key(rs.getObject("day", LocalDate.class),
                            rs.getObject("site_id", UUID.class)), key -> new Day());
                    day.revocations.merge(rs.getString("reason"), rs.getLong("n"), Long::sum);
                }, revocationParams.toArray());

        List<String> slaQueues = new ArrayList<>();
        List<String> slaTypes = new ArrayList<>();
        List<Long> slaSeconds = new ArrayList<>();
        for (WorkQueue queue : WorkQueue.values()) {
            for (CaseType type : CaseType.values()) {
                sla.of(queue, type).ifPresent(duration -> {
                    slaQueues.add(queue.name());
                    slaTypes.add(type.name());
                    slaSeconds.add(duration.toSeconds());
                });
            }
        }
        List<Object> stayParams = new ArrayList<>();
        stayParams.add(textArray(slaQueues));
        stayParams.add(textArray(slaTypes));
        stayParams.add(textArray(slaSeconds.stream().map(String::valueOf).toList()));
        stayParams.add(query.from().atStartOfDay().atOffset(ZoneOffset.UTC));
        stayParams.add(query.to().plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC));
        addSites(stayParams, query);
        String stays = """
                WITH s AS (
                    SELECT (st.left_at AT TIME ZONE 'UTC')::date AS day, st.site_id, st.queue, st.clerk_id,
                        extract(epoch FROM st.left_at - st.entered_at) AS seconds, sla.limit_seconds
                    FROM read_model.queue_stay st
                    LEFT JOIN (SELECT q, t, l::bigint AS limit_seconds FROM unnest(?::text[], ?::text[], ?::text[])
                        AS u(q, t, l)) sla ON sla.q = st.queue AND sla.t = st.case_type
                    WHERE st.left_at >= ? AND st.left_at < ?""" + siteFilter.replace("site_id", "st.site_id") + ")\n";
        jdbc.query(stays + """
                SELECT day, site_id, queue, count(*) AS n,
                    percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) AS median,
                    percentile_cont(0.9) WITHIN GROUP (ORDER BY seconds) AS p90,
                    count(*) FILTER (WHERE seconds > limit_seconds) AS breaches
                FROM s GROUP BY day, site_id, queue ORDER BY day, site_id, queue
                """, rs -> {
            Day day = days.computeIfAbsent(new Key(rs.getObject("day", LocalDate.class),
                    rs.getObject("site_id", UUID.class)), key -> new Day());
            day.queues.add(new Dashboard.QueueTime(WorkQueue.valueOf(rs.getString("queue")), rs.getLong("n"),
                    rs.getDouble("median"), rs.getDouble("p90"), rs.getLong("breaches")));
        }, stayParams.toArray());
        jdbc.query(stays + """
                SELECT day, site_id, clerk_id, count(*) AS n FROM s WHERE clerk_id IS NOT NULL
                GROUP BY day, site_id, clerk_id
                """, rs -> {
            Day day = days.computeIfAbsent(new Key(rs.getObject("day", LocalDate.class),
                    rs.getObject("site_id", UUID.class)), key -> new Day());
            day.clerks.computeIfAbsent(rs.getString("clerk_id"), c -> new long[3])[1] += rs.getLong("n");
        }, stayParams.toArray());

        List<Dashboard.SiteDay> result = new ArrayList<>();
        days.forEach((key, day) -> result.add(new Dashboard.SiteDay(key.day(), key.siteId(), day.received,
                day.completed.values().stream().mapToLong(Long::longValue).sum(), day.completed,
                day.queues.stream().sorted(Comparator.comparing(Dashboard.QueueTime::queue)).toList(),
                day.queues.stream().mapToLong(Dashboard.QueueTime::slaBreaches).sum(),
                day.clerks.entrySet().stream().map(clerk -> new Dashboard.ClerkDay(clerk.getKey(),
                        clerk.getValue()[0], clerk.getValue()[1], clerk.getValue()[2])).toList(),
                day.denials, day.revocations)));
        return new Dashboard(query.from(), query.to(), result);
    }

    private void addSites(List<Object> params, GetDashboard query) {
        if (query.sites() != null) {
            params.add(textArray(query.sites().stream().map(UUID::toString).toList()));
        }
    }

    /** A PostgreSQL array literal; only for ids, enum names and numbers, which need no quoting. */
    private static String textArray(List<String> values) {
        return "{" + String.join(",", values) + "}";
    }
}
