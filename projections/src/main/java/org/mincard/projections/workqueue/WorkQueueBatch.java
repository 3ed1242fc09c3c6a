package org.mincard.projections.workqueue;

import org.mincard.domain.cardholder.CardRevoked;
import org.mincard.domain.casefile.CaseAssigned;
import org.mincard.domain.casefile.CaseCardProduced;
import org.mincard.domain.casefile.CaseClaimed;
import org.mincard.domain.casefile.CaseDenied;
import org.mincard.domain.casefile.CaseFileEvent;
import org.mincard.domain.casefile.CasePriorityLowered;
import org.mincard.domain.casefile.CasePriorityRaised;
import org.mincard.domain.casefile.CaseReleased;
import org.mincard.domain.casefile.CaseState;
import org.mincard.domain.casefile.CaseSubmitted;
import org.mincard.domain.casefile.Priority;
import org.mincard.domain.shared.CaseType;
import org.mincard.projections.batch.BatchColumns;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import static org.mincard.projections.batch.TextArrays.text;

/**
 * The events of one unit of work, folded per case and written at once. Flushing reads the current rows of the cases
 * the batch touches (one query), applies the events in order in memory, skipping any the row already has (its
 * version is the aggregate sequence of the last event applied), and writes the resulting rows, finished queue stays
 * dashboard facts and card revocations in one statement. Days are the site's days ({@link SiteCalendar}) of the
 * events' business times; card revocations, which carry no site, count in the city's default zone.
 *
 * <p>The same statement keeps the rollups (ADR 0020): open cases per site and queue and per entry day, and per day
 * the dashboard's counts, SLA breaches and a histogram of stay durations. They change only with the rows that the
 * statement really writes (the rows' {@code RETURNING}), so a redelivered event counts once, as its row does. Every
 * rollup insert is sorted by its key, so two batches that touch the same rollup rows lock them in the same order.
 */
final class WorkQueueBatch {

    private final JdbcTemplate jdbc;
    private final QueueSla sla;
    private final SiteCalendar calendar;
    private final Map<UUID, List<Pending>> byCase = new LinkedHashMap<>();
    private final List<Revocation> revocations = new ArrayList<>();

    WorkQueueBatch(JdbcTemplate jdbc, QueueSla sla, SiteCalendar calendar) {
        this.jdbc = jdbc;
        this.sla = sla;
        this.calendar = calendar;
    }

    private record Pending(CaseFileEvent event, long sequence) {
    }

    private record Revocation(CardRevoked event, long sequence, LocalDate day) {
    }

    void add(CaseFileEvent event, long sequence) {
        byCase.computeIfAbsent(event.caseId(), id -> new ArrayList<>()).add(new Pending(event, sequence));
    }

    void add(CardRevoked event, long sequence) {
        revocations.add(new Revocation(event, sequence, calendar.dayAt(null, event.revokedAt())));
    }

    /** One case's row, as read and then changed by the batch's events. */
    private static final class Item {
        UUID caseId;
        UUID siteId;
        CaseType type;
        UUID cardholderId;
        CaseState state;
        WorkQueue queue;
        String assignee;
        Priority priority;
        Instant enteredAt;
        UUID cardId;
        long version;
        boolean changed;
        /** The row as loaded (null: no row yet), for the rollups' deltas. */
        Open before;

        Open open() {
            return queue == null ? null : new Open(siteId, queue, type, LocalDate.ofInstant(enteredAt, ZoneOffset.UTC),
                    assignee == null);
        }
    }

    /**
     * Where an open case counts in the rollups. Its day is the UTC day it entered the queue: the overdue count
     * reads whole UTC days before the SLA cut-off (an instant), so this internal bucket stays in UTC; no screen
     * shows it as a day.
     */
    private record Open(UUID siteId, WorkQueue queue, CaseType type, LocalDate day, boolean unassigned) {
    }

    /** A change of the open counts, applied only if the case's row is written. */
    private record OpenDelta(UUID caseId, Open open, int sign) {
    }

    /** A finished stay; {@code leftOn} is the site's day it ended on (not stored: it buckets the rollups). */
    private record Stay(UUID caseId, long leftSequence, WorkQueue queue, UUID siteId, CaseType type,
                        Instant enteredAt, Instant leftAt, String clerkId, LocalDate leftOn) {
    }

    private record Fact(UUID sourceId, long sequence, String kind, LocalDate day, UUID siteId, String detail,
                        String clerkId) {
    }

    void flush() {
        if (byCase.isEmpty() && revocations.isEmpty()) {
            return;
        }
        // Every case, a new one too: a row that already exists (a redelivery) must be counted out before it is
        // counted in again.
        List<UUID> toLoad = new ArrayList<>(byCase.keySet());
        Map<UUID, Item> items = new HashMap<>();
        if (!toLoad.isEmpty()) {
            load(toLoad, items);
        }
        List<Stay> stays = new ArrayList<>();
        List<Fact> facts = new ArrayList<>();
        List<Item> written = new ArrayList<>();
        List<OpenDelta> deltas = new ArrayList<>();
        byCase.forEach((caseId, pending) -> {
            Item item = items.get(caseId);
            Open before = item == null ? null : item.open();
            for (Pending next : pending) {
                if (item == null) {
                    if (next.event() instanceof CaseSubmitted submitted) {
                        item = submitted(submitted, next.sequence(), facts);
                    }
                } else if (next.sequence() > item.version) {
                    apply(item, next.event(), next.sequence(), stays, facts);
                }
            }
            if (item != null && item.changed) {
                written.add(item);
                Open after = item.open();
                if (!Objects.equals(before, after)) {
                    if (before != null) {
                        deltas.add(new OpenDelta(caseId, before, -1));
                    }
                    if (after != null) {
                        deltas.add(new OpenDelta(caseId, after, 1));
                    }
                }
            }
        });
        write(written, stays, facts, revocations, deltas);
        byCase.clear();
        revocations.clear();
    }

    private Item submitted(CaseSubmitted event, long sequence, List<Fact> facts) {
        Item item = new Item();
        item.caseId = event.caseId();
        item.siteId = event.siteId();
        item.type = event.type();
        item.cardholderId = event.cardholderId();
        item.state = CaseState.SUBMITTED;
        item.queue = WorkQueue.INTAKE;
        item.priority = Priority.NORMAL;
        item.enteredAt = event.submittedAt();
        item.version = sequence;
        item.changed = true;
        facts.add(new Fact(event.caseId(), sequence, "RECEIVED", calendar.dayAt(event.siteId(), event.submittedAt()), event.siteId(), null, null));
        return item;
    }

    private void apply(Item item, CaseFileEvent event, long sequence, List<Stay> stays, List<Fact> facts) {
        Instant at = event.occurredAt();
        LocalDate day = calendar.dayAt(item.siteId, at);
        if (CaseState.changesState(event)) {
            CaseState next = CaseState.after(event);
            WorkQueue nextQueue = WorkQueue.of(next).orElse(null);
            if (nextQueue != item.queue || next != item.state && nextQueue == null) {
                if (item.queue != null) {
                    stays.add(new Stay(item.caseId, sequence, item.queue, item.siteId, item.type, item.enteredAt, at,
                            item.assignee, day));
                }
                item.enteredAt = at;
            }
            item.queue = nextQueue;
            item.state = next;
            if (event instanceof CaseDenied denied) {
                facts.add(new Fact(item.caseId, sequence, "DENIED", day, item.siteId, denied.reason().name(),
                        item.assignee));
            } else if (event instanceof CaseCardProduced produced) {
                item.cardId = produced.cardId();
            }
            if (next.isClosed()) {
                facts.add(new Fact(item.caseId, sequence, "COMPLETED", day, item.siteId, next.name(),
                        item.assignee));
            }
        } else if (event instanceof CaseClaimed claimed) {
            item.assignee = claimed.clerkId();
            facts.add(new Fact(item.caseId, sequence, "ASSIGNED", day, item.siteId, null, claimed.clerkId()));
        } else if (event instanceof CaseAssigned assigned) {
            item.assignee = assigned.clerkId();
            facts.add(new Fact(item.caseId, sequence, "ASSIGNED", day, item.siteId, null, assigned.clerkId()));
        } else if (event instanceof CaseReleased) {
            item.assignee = null;
        } else if (event instanceof CasePriorityRaised raised) {
            item.priority = raised.priority();
        } else if (event instanceof CasePriorityLowered lowered) {
            item.priority = lowered.priority();
        }
        item.version = sequence;
        item.changed = true;
    }

    private void load(List<UUID> caseIds, Map<UUID, Item> items) {
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            try (PreparedStatement statement = connection.prepareStatement("""
                    SELECT case_id, site_id, case_type, cardholder_id, state, queue, assignee, priority_rank,
                        entered_at, card_id, version
                    FROM read_model.work_queue_item
                    WHERE case_id = ANY ((SELECT ?::uuid[])::uuid[])
                    """)) {
                statement.setArray(1, text(connection, caseIds.stream().map(UUID::toString).toList()));
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        Item item = new Item();
                        item.caseId = rs.getObject("case_id", UUID.class);
                        item.siteId = rs.getObject("site_id", UUID.class);
                        item.type = CaseType.valueOf(rs.getString("case_type"));
                        item.cardholderId = rs.getObject("cardholder_id", UUID.class);
                        item.state = CaseState.valueOf(rs.getString("state"));
                        String queue = rs.getString("queue");
                        item.queue = queue == null ? null : WorkQueue.valueOf(queue);
                        item.assignee = rs.getString("assignee");
                        item.priority = PriorityRank.priority(rs.getInt("priority_rank"));
                        item.enteredAt = rs.getObject("entered_at", OffsetDateTime.class).toInstant();
                        item.cardId = rs.getObject("card_id", UUID.class);
                        item.version = rs.getLong("version");
                        items.put(item.caseId, item);
                    }
                }
            }
            return null;
        });
    }

    private static final BatchColumns<Item> ITEM_COLUMNS = BatchColumns.<Item>builder()
            .column("case_id", "uuid", item -> item.caseId)
            .column("site_id", "uuid", item -> item.siteId)
            .column("case_type", "text", item -> item.type.name())
            .column("cardholder_id", "uuid", item -> item.cardholderId)
            .column("state", "text", item -> item.state.name())
            .column("queue", "text", item -> item.queue == null ? null : item.queue.name())
            .column("assignee", "text", item -> item.assignee)
            .column("priority_rank", "smallint", item -> PriorityRank.of(item.priority))
            .column("entered_at", "timestamptz", item -> item.enteredAt)
            .column("card_id", "uuid", item -> item.cardId)
            .column("version", "bigint", item -> item.version)
            .build();

    private static final BatchColumns<Stay> STAY_COLUMNS = BatchColumns.<Stay>builder()
            .column("case_id", "uuid", Stay::caseId)
            .column("left_sequence", "bigint", Stay::leftSequence)
            .column("queue", "text", stay -> stay.queue().name())
            .column("site_id", "uuid", Stay::siteId)
            .column("case_type", "text", stay -> stay.type().name())
            .column("entered_at", "timestamptz", Stay::enteredAt)
            .column("left_at", "timestamptz", Stay::leftAt)
            .column("clerk_id", "text", Stay::clerkId)
            .build();

    private static final BatchColumns<Stay> STAY_DAY_COLUMNS = BatchColumns.<Stay>builder()
            .column("case_id", "uuid", Stay::caseId)
            .column("left_sequence", "bigint", Stay::leftSequence)
            .column("day", "date", Stay::leftOn)
            .build();

    private static final BatchColumns<Fact> FACT_COLUMNS = BatchColumns.<Fact>builder()
            .column("source_id", "uuid", Fact::sourceId)
            .column("sequence", "bigint", Fact::sequence)
            .column("kind", "text", Fact::kind)
            .column("day", "date", Fact::day)
            .column("site_id", "uuid", Fact::siteId)
            .column("detail", "text", Fact::detail)
            .column("clerk_id", "text", Fact::clerkId)
            .build();

    private static final BatchColumns<Revocation> REVOCATION_COLUMNS = BatchColumns.<Revocation>builder()
            .column("cardholder_id", "uuid", r -> r.event().cardholderId())
            .column("sequence", "bigint", Revocation::sequence)
            .column("card_id", "uuid", r -> r.event().cardId())
            .column("day", "date", Revocation::day)
            .column("reason", "text", r -> r.event().reason().name())
            .build();

    private static final BatchColumns<OpenDelta> DELTA_COLUMNS = BatchColumns.<OpenDelta>builder()
            .column("case_id", "uuid", OpenDelta::caseId)
            .column("site_id", "uuid", d -> d.open().siteId())
            .column("queue", "text", d -> d.open().queue().name())
            .column("case_type", "text", d -> d.open().type().name())
            .column("day", "date", d -> d.open().day())
            .column("open", "bigint", OpenDelta::sign)
            .column("unassigned", "bigint", d -> d.open().unassigned() ? d.sign() : 0)
            .build();

    /** The SLA in force, as a relation (queue, case type, seconds), for the breaches of the stays written. */
    private record SlaEntry(WorkQueue queue, CaseType type, long seconds) {
    }

    private static final BatchColumns<SlaEntry> SLA_COLUMNS = BatchColumns.<SlaEntry>builder()
            .column("q", "text", e -> e.queue().name())
            .column("t", "text", e -> e.type().name())
            .column("limit_seconds", "float8", SlaEntry::seconds)
            .build();

    /**
     * The histogram bucket of a stay of {@code s} seconds (a SQL expression): 0 under a second, else
     * {@code 1 + floor(log_1.1(s))}. The same expression is in V13_0, which filled the buckets of existing stays.
     */
    static final String BUCKET = "CASE WHEN %1$s < 1 THEN 0 ELSE 1 + floor(ln(%1$s) / ln(1.1::float8))::int END";

    private static final String WRITE = """
            WITH items AS (
            %s
                ON CONFLICT (case_id) DO UPDATE SET state = EXCLUDED.state, queue = EXCLUDED.queue,
                    assignee = EXCLUDED.assignee, priority_rank = EXCLUDED.priority_rank,
                    entered_at = EXCLUDED.entered_at, card_id = EXCLUDED.card_id, version = EXCLUDED.version
                WHERE w.version < EXCLUDED.version
                RETURNING w.case_id),
            stays AS (
            %s
                ON CONFLICT ON CONSTRAINT queue_stay_pk DO NOTHING
                RETURNING queue_stay.*),
            facts AS (
            %s
                ON CONFLICT ON CONSTRAINT dashboard_fact_pk DO NOTHING
                RETURNING dashboard_fact.*),
            revocations AS (
            %s
                ON CONFLICT ON CONSTRAINT card_revocation_pk DO NOTHING
                RETURNING 1),
            deltas AS (
                SELECT d.* FROM (%s) d JOIN items i ON i.case_id = d.case_id),
            depth AS (
                INSERT INTO read_model.queue_depth AS q (site_id, queue, open, unassigned)
                SELECT site_id, queue, sum(open), sum(unassigned) FROM deltas
                GROUP BY site_id, queue ORDER BY site_id, queue
                ON CONFLICT ON CONSTRAINT queue_depth_pk DO UPDATE
                    SET open = q.open + EXCLUDED.open, unassigned = q.unassigned + EXCLUDED.unassigned
                RETURNING 1),
            open_days AS (
                INSERT INTO read_model.queue_open_day AS o (site_id, queue, case_type, day, open)
                SELECT site_id, queue, case_type, day, sum(open) FROM deltas
                GROUP BY site_id, queue, case_type, day ORDER BY site_id, queue, case_type, day
                ON CONFLICT ON CONSTRAINT queue_open_day_pk DO UPDATE SET open = o.open + EXCLUDED.open
                RETURNING 1),
            sla AS (%s),
            stay_days AS (%s),
            ended AS (
                SELECT d.day, s.site_id, s.queue, s.clerk_id,
                    extract(epoch FROM s.left_at - s.entered_at)::float8 AS seconds, sla.limit_seconds
                FROM stays s JOIN stay_days d ON d.case_id = s.case_id AND d.left_sequence = s.left_sequence
                LEFT JOIN sla ON sla.q = s.queue AND sla.t = s.case_type),
            counts AS (
                INSERT INTO read_model.dashboard_day AS c (day, site_id, kind, detail, clerk_id, n)
                SELECT day, site_id, kind, detail, clerk_id, count(*) FROM (
                    SELECT day, site_id, kind, coalesce(detail, '') AS detail, coalesce(clerk_id, '') AS clerk_id
                    FROM facts
                    UNION ALL
                    SELECT day, site_id, 'STEP', '', clerk_id FROM ended WHERE clerk_id IS NOT NULL
                    UNION ALL
                    SELECT day, site_id, 'BREACH', queue, '' FROM ended WHERE seconds > limit_seconds) f
                GROUP BY day, site_id, kind, detail, clerk_id ORDER BY day, site_id, kind, detail, clerk_id
                ON CONFLICT ON CONSTRAINT dashboard_day_pk DO UPDATE SET n = c.n + EXCLUDED.n
                RETURNING 1),
            buckets AS (
                INSERT INTO read_model.queue_stay_bucket AS b (day, site_id, queue, bucket, stays, seconds)
                SELECT day, site_id, queue, %s AS bucket, count(*), sum(seconds) FROM ended
                GROUP BY day, site_id, queue, bucket ORDER BY day, site_id, queue, bucket
                ON CONFLICT ON CONSTRAINT queue_stay_bucket_pk DO UPDATE
                    SET stays = b.stays + EXCLUDED.stays, seconds = b.seconds + EXCLUDED.seconds
                RETURNING 1)
            SELECT (SELECT count(*) FROM items) + (SELECT count(*) FROM stays) + (SELECT count(*) FROM facts)
                + (SELECT count(*) FROM revocations) + (SELECT count(*) FROM depth) + (SELECT count(*) FROM open_days)
                + (SELECT count(*) FROM counts) + (SELECT count(*) FROM buckets)
            """.formatted(ITEM_COLUMNS.insert("read_model.work_queue_item AS w"),
            STAY_COLUMNS.insert("read_model.queue_stay"), FACT_COLUMNS.insert("read_model.dashboard_fact"),
            REVOCATION_COLUMNS.insert("read_model.card_revocation"), DELTA_COLUMNS.select(), SLA_COLUMNS.select(),
            STAY_DAY_COLUMNS.select(), BUCKET.formatted("seconds"));

    private List<SlaEntry> slaEntries() {
        List<SlaEntry> entries = new ArrayList<>();
        for (WorkQueue queue : WorkQueue.values()) {
            for (CaseType type : CaseType.values()) {
                sla.of(queue, type).ifPresent(limit -> entries.add(new SlaEntry(queue, type, limit.toSeconds())));
            }
        }
        return entries;
    }

    private void write(List<Item> items, List<Stay> stays, List<Fact> facts, List<Revocation> revoked,
                       List<OpenDelta> deltas) {
        if (items.isEmpty() && stays.isEmpty() && facts.isEmpty() && revoked.isEmpty()) {
            return;
        }
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            try (PreparedStatement statement = connection.prepareStatement(WRITE)) {
                int next = ITEM_COLUMNS.bind(statement, 1, items);
                next = STAY_COLUMNS.bind(statement, next, stays);
                next = FACT_COLUMNS.bind(statement, next, facts);
                next = REVOCATION_COLUMNS.bind(statement, next, revoked);
                next = DELTA_COLUMNS.bind(statement, next, deltas);
                next = SLA_COLUMNS.bind(statement, next, slaEntries());
                STAY_DAY_COLUMNS.bind(statement, next, stays);
                try (ResultSet ignored = statement.executeQuery()) {
                    return null;
                }
            }
        });
    }
}
