package org.mincard.projections.workqueue;

import org.axonframework.queryhandling.QueryHandler;
import org.mincard.domain.casefile.CaseState;
import org.mincard.domain.shared.CaseType;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Answers queue pages, queue summaries and assignment look-ups from the work-queue tables. Overdue is decided here,
 * against the query's time and the configured SLA, so it is never stale.
 */
@Component
class WorkQueueQueries {

    private final JdbcTemplate jdbc;
    private final QueueSla sla;

    WorkQueueQueries(JdbcTemplate jdbc, QueueSla sla) {
        this.jdbc = jdbc;
        this.sla = sla;
    }

    @QueryHandler
    QueuePage handle(ListQueueItems query) {
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("""
                SELECT w.case_id, w.queue, w.state, w.site_id, w.case_type, w.cardholder_id, w.assignee,
                    w.priority_rank, w.entered_at
                FROM read_model.work_queue_item w
                WHERE w.queue = ?
                """);
        params.add(query.queue().name());
        if (query.sites() != null && query.sites().size() == 1) {
            // Equality, not ANY: lets the planner walk the per-site page index in order and stop at the limit.
            sql.append(" AND w.site_id = ?::uuid");
            params.add(query.sites().iterator().next().toString());
        } else if (query.sites() != null) {
            sql.append(" AND w.site_id = ANY(?::uuid[])");
            params.add(texts(query.sites()));
        }
        if (query.assignee() != null) {
            sql.append(" AND w.assignee = ?");
            params.add(query.assignee());
        } else if (query.unassignedOnly()) {
            sql.append(" AND w.assignee IS NULL");
        }
        if (query.type() != null) {
            sql.append(" AND w.case_type = ?");
            params.add(query.type().name());
        }
        if (query.caseIds() != null) {
            sql.append(" AND w.case_id = ANY(?::uuid[])");
            params.add(texts(query.caseIds()));
        }
        if (query.cardholderIds() != null) {
            sql.append(" AND w.cardholder_id = ANY(?::uuid[])");
            params.add(texts(query.cardholderIds()));
        }
        if (query.overdue() != null) {
            // Per case type, a range on entered_at: overdue means it entered before now minus the type's SLA.
            List<String> overdueTypes = new ArrayList<>();
            for (CaseType type : CaseType.values()) {
                var duration = sla.of(query.queue(), type);
                if (duration.isPresent()) {
                    overdueTypes.add("(w.case_type = ? AND w.entered_at < ?::timestamptz)");
                    params.add(type.name());
                    params.add(query.asOf().minus(duration.get()).toString());
                }
            }
            String anyOverdue = overdueTypes.isEmpty() ? "false" : "(" + String.join(" OR ", overdueTypes) + ")";
            sql.append(query.overdue() ? " AND " + anyOverdue : " AND NOT " + anyOverdue);
        }
        if (query.after() != null) {
            sql.append(" AND (w.priority_rank, w.entered_at, w.case_id) > (?, ?::timestamptz, ?::uuid)");
            params.add(query.after().priorityRank());
            params.add(query.after().enteredAt().toString());
            params.add(query.after().caseId().toString());
        }
        sql.append(" ORDER BY w.priority_rank, w.entered_at, w.case_id LIMIT ?");
        params.add(query.limit() + 1);
        List<QueueItem> items = select(sql.toString(), params, rs -> item(rs, query.asOf()));
        if (items.size() > query.limit()) {
            List<QueueItem> page = items.subList(0, query.limit());
            return new QueuePage(page, page.get(page.size() - 1).cursor());
        }
        return new QueuePage(items, null);
    }

    @QueryHandler
    List<QueueSummary> handle(ListQueueSummaries query) {
        List<Object> params = new ArrayList<>();
        List<String> slaQueues = new ArrayList<>();
        List<String> slaTypes = new ArrayList<>();
        List<String> cutoffs = new ArrayList<>();
        for (WorkQueue queue : WorkQueue.values()) {
            for (CaseType type : CaseType.values()) {
                sla.of(queue, type).ifPresent(duration -> {
                    slaQueues.add(queue.name());
                    slaTypes.add(type.name());
                    cutoffs.add(query.asOf().minus(duration).toString());
                });
            }
        }
        params.add(slaQueues);
        params.add(slaTypes);
        params.add(cutoffs);
        String sites = "";
        if (query.sites() != null) {
            sites = " AND %s.site_id = ANY(?::uuid[])";
            params.add(texts(query.sites()));
            params.add(texts(query.sites()));
        }
        // From the rollups (ADR 0020): per site, queue and type, the days that hold open cases; overdue = the open
        // cases of whole days before the SLA cut-off plus those of the cut-off's own day before it (an index range
        // of one day); the oldest = one index probe. Depth and unassigned come from the per-queue counters, which
        // also keep an emptied queue at zero.
        String sql = """
                WITH sla AS (
                    SELECT q, t, c::timestamptz AS cutoff FROM unnest(?::text[], ?::text[], ?::text[]) AS u(q, t, c)),
                groups AS (
                    SELECT o.site_id, o.queue, o.case_type, min(o.day) AS first_day, min(sla.cutoff) AS cutoff,
                        coalesce(sum(o.open) FILTER (WHERE o.day < (sla.cutoff AT TIME ZONE 'UTC')::date), 0)
                            AS overdue_days
                    FROM read_model.queue_open_day o
                    LEFT JOIN sla ON sla.q = o.queue AND sla.t = o.case_type
                    WHERE o.open > 0%s
                    GROUP BY o.site_id, o.queue, o.case_type),
                per_type AS (
                    SELECT g.site_id, g.queue,
                        g.overdue_days + CASE WHEN g.cutoff IS NULL THEN 0 ELSE (
                            SELECT count(*) FROM read_model.work_queue_item w
                            WHERE w.site_id = g.site_id AND w.queue = g.queue AND w.case_type = g.case_type
                                AND w.entered_at >= ((g.cutoff AT TIME ZONE 'UTC')::date)::timestamp AT TIME ZONE 'UTC'
                                AND w.entered_at < g.cutoff) END AS overdue,
                        (SELECT min(w.entered_at) FROM read_model.work_queue_item w
                            WHERE w.site_id = g.site_id AND w.queue = g.queue AND w.case_type = g.case_type)
                            AS oldest
                    FROM groups g)
                SELECT d.site_id, d.queue, d.open AS depth, d.unassigned, p.oldest, coalesce(p.overdue, 0) AS overdue
                FROM read_model.queue_depth d
                LEFT JOIN (SELECT site_id, queue, min(oldest) AS oldest, sum(overdue) AS overdue FROM per_type
                    GROUP BY site_id, queue) p ON p.site_id = d.site_id AND p.queue = d.queue
                WHERE true%s
                ORDER BY d.site_id, d.queue
                """.formatted(sites.formatted("o"), sites.formatted("d"));
        Map<UUID, Map<WorkQueue, QueueSummary>> bySite = new TreeMap<>();
        select(sql, params, rs -> {
            UUID site = rs.getObject("site_id", UUID.class);
            WorkQueue queue = WorkQueue.valueOf(rs.getString("queue"));
            bySite.computeIfAbsent(site, s -> new EnumMap<>(WorkQueue.class)).put(queue, new QueueSummary(site, queue,
                    rs.getLong("depth"), instant(rs, "oldest"), rs.getLong("overdue"), rs.getLong("unassigned")));
            return null;
        });
        // Every queue of every site the rollups know, an empty one as zeros (the gauges stay present at 0).
        List<QueueSummary> result = new ArrayList<>();
        bySite.forEach((site, queues) -> {
            for (WorkQueue queue : WorkQueue.values()) {
                result.add(queues.getOrDefault(queue, new QueueSummary(site, queue, 0, null, 0, 0)));
            }
        });
        return result;
    }

    /**
     * One statement for every queue: per queue, an index range on the assignee's (or the site's) page order cut at
     * the limit ({@code LATERAL}), instead of two queries per queue.
     */
    @QueryHandler
    MyWork handle(ListMyWork query) {
        List<Object> params = new ArrayList<>();
        List<String> queues = Arrays.stream(WorkQueue.values()).map(Enum::name).toList();
        String sites = "";
        if (query.sites() != null && query.sites().size() == 1) {
            sites = " AND w.site_id = ?::uuid";
        } else if (query.sites() != null) {
            sites = " AND w.site_id = ANY(?::uuid[])";
        }
        String page = """
                SELECT x.* FROM unnest(?::text[]) AS q(queue) CROSS JOIN LATERAL (
                    SELECT %s AS mine, w.case_id, w.queue, w.state, w.site_id, w.case_type, w.cardholder_id,
                        w.assignee, w.priority_rank, w.entered_at
                    FROM read_model.work_queue_item w
                    WHERE w.queue = q.queue AND %s%s
                    ORDER BY w.priority_rank, w.entered_at, w.case_id LIMIT ?) x""";
        String sql = page.formatted("true", "w.assignee = ?", sites) + "\nUNION ALL\n"
                + page.formatted("false", "w.assignee IS NULL", sites);
        for (boolean mine : new boolean[] {true, false}) {
            params.add(queues);
            if (mine) {
                params.add(query.assignee());
            }
            if (query.sites() != null && query.sites().size() == 1) {
                params.add(query.sites().iterator().next().toString());
            } else if (query.sites() != null) {
                params.add(texts(query.sites()));
            }
            params.add(mine ? query.minePerQueue() : query.unassignedPerQueue());
        }
        List<QueueItem> mine = new ArrayList<>();
        List<QueueItem> unassigned = new ArrayList<>();
        select(sql, params, rs -> (rs.getBoolean("mine") ? mine : unassigned).add(item(rs, query.asOf())));
        return new MyWork(mine, unassigned);
    }

    @QueryHandler
    AssignedCases handle(ListAssignedCases query) {
        List<Object> params = new ArrayList<>();
        params.add(query.assignee());
        String sites = "";
        if (query.sites() != null) {
            sites = " AND site_id = ANY(?::uuid[])";
            params.add(texts(query.sites()));
        }
        return new AssignedCases(select("""
                SELECT case_id FROM read_model.work_queue_item
                WHERE assignee = ? AND queue IS NOT NULL""" + sites + " ORDER BY priority_rank, entered_at, case_id",
                params, rs -> rs.getObject("case_id", UUID.class)));
    }

    @QueryHandler
    AssignedCaseCounts handle(CountAssignedCases query) {
        Map<String, Long> counts = new HashMap<>();
        query.assignees().forEach(assignee -> counts.put(assignee, 0L));
        List<Object> params = List.of(new ArrayList<>(query.assignees()));
        select("""
                SELECT assignee, count(*) AS open FROM read_model.work_queue_item
                WHERE assignee = ANY(?::text[]) AND queue IS NOT NULL GROUP BY assignee
                """, params, rs -> counts.put(rs.getString("assignee"), rs.getLong("open")));
        return new AssignedCaseCounts(counts);
    }

    private QueueItem item(ResultSet rs, Instant asOf) throws SQLException {
        WorkQueue queue = WorkQueue.valueOf(rs.getString("queue"));
        CaseType type = CaseType.valueOf(rs.getString("case_type"));
        Instant enteredAt = instant(rs, "entered_at");
        Instant dueAt = sla.dueAt(queue, type, enteredAt).orElse(null);
        UUID caseId = rs.getObject("case_id", UUID.class);
        int rank = rs.getInt("priority_rank");
        return new QueueItem(caseId, queue, CaseState.valueOf(rs.getString("state")),
                rs.getObject("site_id", UUID.class), type, rs.getObject("cardholder_id", UUID.class),
                rs.getString("assignee"), PriorityRank.priority(rank), enteredAt, dueAt,
                dueAt != null && dueAt.isBefore(asOf), new QueueCursor(rank, enteredAt, caseId));
    }

    /** Row mapping that may throw; collections in the parameters become text arrays. */
    interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private <T> List<T> select(String sql, List<Object> params, Row<T> row) {
        return jdbc.execute((ConnectionCallback<List<T>>) connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < params.size(); i++) {
                    Object param = params.get(i);
                    if (param instanceof Collection<?> values) {
                        statement.setArray(i + 1, array(connection, values));
                    } else {
                        statement.setObject(i + 1, param);
                    }
                }
                List<T> result = new ArrayList<>();
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        result.add(row.map(rs));
                    }
                }
                return result;
            }
        });
    }

    private static List<String> texts(Collection<UUID> ids) {
        return ids.stream().map(UUID::toString).toList();
    }

    private static Array array(Connection connection, Collection<?> values) throws SQLException {
        return connection.createArrayOf("text", values.stream().map(String::valueOf).toArray(String[]::new));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

}
