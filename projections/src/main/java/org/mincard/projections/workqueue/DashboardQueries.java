package org.mincard.projections.workqueue;

import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Answers the dashboard from the rollups the work-queue projection keeps per day (ADR 0020): counts per day, site,
 * kind, detail and clerk, and a histogram of stay durations per day, site and queue, so a call reads rows per day and
 * site, never per case or stay. Percentiles are interpolated over the histogram; an SLA breach was judged against the
 * SLA in force when the projection wrote the stay (a replay judges every stay against the SLA configured then).
 */
@Component
class DashboardQueries {

    private final JdbcTemplate jdbc;

    DashboardQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    private static final class Day {
        long received;
        final Map<String, Long> completed = new TreeMap<>();
        final List<Dashboard.QueueTime> queues = new ArrayList<>();
        final Map<String, long[]> clerks = new TreeMap<>();
        final Map<String, Long> denials = new TreeMap<>();
        final Map<String, Long> revocations = new TreeMap<>();
        final Map<WorkQueue, Long> breaches = new EnumMap<>(WorkQueue.class);
    }

    /** One histogram bucket: how many stays, and their seconds summed. */
    private record Bucket(long stays, double seconds) {
    }

    /** Adds one queue's day from its buckets (in bucket order), then empties the list. */
    private static void addQueue(Map<Key, Day> days, Key key, WorkQueue queue, List<Bucket> buckets) {
        if (key == null || buckets.isEmpty()) {
            buckets.clear();
            return;
        }
        long stays = buckets.stream().mapToLong(Bucket::stays).sum();
        Day day = days.computeIfAbsent(key, k -> new Day());
        day.queues.add(new Dashboard.QueueTime(queue, stays, percentile(buckets, stays, 0.5),
                percentile(buckets, stays, 0.9), day.breaches.getOrDefault(queue, 0L)));
        buckets.clear();
    }

    /**
     * {@code percentile_cont} over the histogram: the stays ranked by bucket, each standing for its bucket's mean
     * duration, interpolated between the two ranks around the percentile as PostgreSQL does. Exact when every bucket
     * holds one distinct duration; otherwise within the bucket's width (10 %).
     */
    static double percentile(List<Bucket> buckets, long stays, double percentile) {
        double position = percentile * (stays - 1);
        long first = (long) Math.floor(position);
        double lower = valueAtRank(buckets, first);
        if (position == first) {
            return lower;
        }
        double upper = valueAtRank(buckets, first + 1);
        return lower + (position - first) * (upper - lower);
    }

    private static double valueAtRank(List<Bucket> buckets, long rank) {
        long seen = 0;
        for (Bucket bucket : buckets) {
            seen += bucket.stays();
            if (rank < seen) {
                return bucket.seconds() / bucket.stays();
            }
        }
        Bucket last = buckets.get(buckets.size() - 1);
        return last.seconds() / last.stays();
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
                SELECT day, site_id, kind, detail, clerk_id, n FROM read_model.dashboard_day
                WHERE day BETWEEN ? AND ?""" + siteFilter,
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
                            if (!clerk.isEmpty()) {
                                day.clerks.computeIfAbsent(clerk, c -> new long[3])[2] += n;
                            }
                        }
                        case "DENIED" -> day.denials.merge(detail, n, Long::sum);
                        case "ASSIGNED" -> day.clerks.computeIfAbsent(clerk, c -> new long[3])[0] += n;
                        case "STEP" -> day.clerks.computeIfAbsent(clerk, c -> new long[3])[1] += n;
                        case "BREACH" -> day.breaches.merge(WorkQueue.valueOf(detail), n, Long::sum);
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

        List<Object> stayParams = new ArrayList<>(List.of(Date.valueOf(query.from()), Date.valueOf(query.to())));
        addSites(stayParams, query);
        List<Bucket> buckets = new ArrayList<>();
        Key[] current = {null};
        WorkQueue[] currentQueue = {null};
        jdbc.query("""
                SELECT day, site_id, queue, stays, seconds FROM read_model.queue_stay_bucket
                WHERE day BETWEEN ? AND ?""" + siteFilter + " ORDER BY day, site_id, queue, bucket",
                rs -> {
                    Key key = new Key(rs.getObject("day", LocalDate.class), rs.getObject("site_id", UUID.class));
                    WorkQueue queue = WorkQueue.valueOf(rs.getString("queue"));
                    if (!key.equals(current[0]) || queue != currentQueue[0]) {
                        addQueue(days, current[0], currentQueue[0], buckets);
                        current[0] = key;
                        currentQueue[0] = queue;
                    }
                    buckets.add(new Bucket(rs.getLong("stays"), rs.getDouble("seconds")));
                }, stayParams.toArray());
        addQueue(days, current[0], currentQueue[0], buckets);

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
