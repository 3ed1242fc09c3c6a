package org.mincard.projections.retentionschedule;

import org.mincard.domain.personaldata.DataClass;
import org.mincard.domain.retention.RetentionFact;
import org.mincard.domain.retention.RetentionFact.AppealState;
import org.mincard.domain.retention.RetentionFact.ClassSealed;
import org.mincard.domain.retention.RetentionFact.Occurred;
import org.mincard.domain.retention.RetentionFact.Purged;
import org.mincard.domain.retention.RetentionFact.Retracted;
import org.mincard.domain.retention.RetentionFact.SourceKind;
import org.mincard.domain.retention.RetentionFact.SourceOpened;
import org.mincard.domain.retention.RetentionPolicy;
import org.mincard.domain.retention.ScheduleCalculator;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/** The retention schedule's tables: facts per source, and the items computed from them with the active policy. */
@Component
public class ScheduleStore {

    /** Cardholders recomputed per round of queries. */
    private static final int CHUNK = 500;

    private final JdbcTemplate jdbc;
    private final RetentionPolicy policy;

    ScheduleStore(JdbcTemplate jdbc, RetentionPolicy policy) {
        this.jdbc = jdbc;
        this.policy = policy;
    }

    /**
     * What a batch of events changed, folded per row: the facts to store (written by {@link #settle}, one statement
     * per table), cardholders whose items must be recomputed, and purges whose items may simply go. Folding keeps
     * the outcome of applying the facts one by one in order: the first opening of a source, the latest appeal state,
     * the latest seal and purge time (the tables keep the greatest), the last of an occurrence and its retraction.
     */
    static final class Changes {
        private final Set<UUID> touched = new LinkedHashSet<>();
        /** Sources whose facts changed; their cardholders are looked up once, when the batch settles. */
        private final Set<UUID> touchedSources = new LinkedHashSet<>();
        private final Map<UUID, SourceOpened> opened = new LinkedHashMap<>();
        private final Map<UUID, AppealState> appeals = new LinkedHashMap<>();
        private final Map<List<Object>, Instant> sealed = new LinkedHashMap<>();
        /** (source, fact) to its time, or to {@code null} when the batch's last word on it was a retraction. */
        private final Map<List<Object>, Instant> occurred = new LinkedHashMap<>();
        private final Map<List<Object>, Instant> purged = new LinkedHashMap<>();

        boolean isEmpty() {
            return touched.isEmpty() && touchedSources.isEmpty() && purged.isEmpty() && opened.isEmpty();
        }
    }

    /** Notes the facts (rows of their own sources only: no lock needed) and what they change; nothing is written. */
    void apply(List<RetentionFact> facts, Changes changes) {
        for (RetentionFact fact : facts) {
            if (fact instanceof SourceOpened f) {
                changes.opened.putIfAbsent(f.sourceId(), f);
                changes.touched.add(f.cardholderId());
            } else if (fact instanceof ClassSealed f) {
                changes.sealed.merge(List.of(f.sourceId(), f.dataClass()), f.at(), ScheduleStore::later);
                changes.touchedSources.add(f.sourceId());
            } else if (fact instanceof Occurred f) {
                changes.occurred.remove(List.of(f.sourceId(), f.fact()));
                changes.occurred.put(List.of(f.sourceId(), f.fact()), f.at());
                changes.touchedSources.add(f.sourceId());
            } else if (fact instanceof Retracted f) {
                changes.occurred.remove(List.of(f.sourceId(), f.fact()));
                changes.occurred.put(List.of(f.sourceId(), f.fact()), null);
                changes.touchedSources.add(f.sourceId());
            } else if (fact instanceof AppealState f) {
                changes.appeals.put(f.sourceId(), f);
                changes.touchedSources.add(f.sourceId());
            } else if (fact instanceof Purged f) {
                changes.purged.merge(List.of(f.cardholderId(), f.dataClass()), f.at(), ScheduleStore::later);
            }
        }
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** Writes the batch's facts: one statement per table and kind of change, whatever the batch's size. */
    private void store(Changes changes) {
        if (!changes.opened.isEmpty()) {
            List<SourceOpened> rows = new ArrayList<>(changes.opened.values());
            jdbc.update("""
                    INSERT INTO retention.schedule_source (source_id, kind, cardholder_id, site_id, opened_on)
                    SELECT * FROM unnest(?::uuid[], ?::varchar[], ?::uuid[], ?::uuid[], ?::date[])
                    ON CONFLICT (source_id) DO NOTHING""",
                    array(rows, SourceOpened::sourceId), array(rows, f -> f.kind().name()),
                    array(rows, SourceOpened::cardholderId), array(rows, SourceOpened::siteId),
                    array(rows, SourceOpened::openedOn));
        }
        if (!changes.appeals.isEmpty()) {
            List<AppealState> rows = new ArrayList<>(changes.appeals.values());
            jdbc.update("""
                    UPDATE retention.schedule_source s SET appeal_closes_at = a.closes_at, appeal_pending = a.pending
                    FROM unnest(?::uuid[], ?::timestamptz[], ?::boolean[]) AS a(source_id, closes_at, pending)
                    WHERE s.source_id = a.source_id""",
                    array(rows, AppealState::sourceId), array(rows, AppealState::closesAt),
                    array(rows, AppealState::pending));
        }
        if (!changes.sealed.isEmpty()) {
            List<Map.Entry<List<Object>, Instant>> rows = new ArrayList<>(changes.sealed.entrySet());
            jdbc.update("""
                    INSERT INTO retention.schedule_sealed (source_id, data_class, sealed_at)
                    SELECT * FROM unnest(?::uuid[], ?::varchar[], ?::timestamptz[])
                    ON CONFLICT (source_id, data_class)
                    DO UPDATE SET sealed_at = GREATEST(schedule_sealed.sealed_at, EXCLUDED.sealed_at)""",
                    array(rows, e -> e.getKey().get(0)), array(rows, e -> e.getKey().get(1)),
                    array(rows, Map.Entry::getValue));
        }
        List<Map.Entry<List<Object>, Instant>> occurred = changes.occurred.entrySet().stream()
                .filter(e -> e.getValue() != null).toList();
        List<Map.Entry<List<Object>, Instant>> retracted = changes.occurred.entrySet().stream()
                .filter(e -> e.getValue() == null).toList();
        if (!retracted.isEmpty()) {
            jdbc.update("""
                    DELETE FROM retention.schedule_fact f USING unnest(?::uuid[], ?::varchar[]) AS r(source_id, fact)
                    WHERE f.source_id = r.source_id AND f.fact = r.fact""",
                    array(retracted, e -> e.getKey().get(0)), array(retracted, e -> e.getKey().get(1)));
        }
        if (!occurred.isEmpty()) {
            jdbc.update("""
                    INSERT INTO retention.schedule_fact (source_id, fact, occurred_at)
                    SELECT * FROM unnest(?::uuid[], ?::varchar[], ?::timestamptz[])
                    ON CONFLICT (source_id, fact) DO UPDATE SET occurred_at = EXCLUDED.occurred_at""",
                    array(occurred, e -> e.getKey().get(0)), array(occurred, e -> e.getKey().get(1)),
                    array(occurred, Map.Entry::getValue));
        }
        if (!changes.purged.isEmpty()) {
            List<Map.Entry<List<Object>, Instant>> rows = new ArrayList<>(changes.purged.entrySet());
            jdbc.update("""
                    INSERT INTO retention.schedule_purge (cardholder_id, data_class, purged_at)
                    SELECT * FROM unnest(?::uuid[], ?::varchar[], ?::timestamptz[])
                    ON CONFLICT (cardholder_id, data_class)
                    DO UPDATE SET purged_at = GREATEST(schedule_purge.purged_at, EXCLUDED.purged_at)""",
                    array(rows, e -> e.getKey().get(0)), array(rows, e -> e.getKey().get(1)),
                    array(rows, Map.Entry::getValue));
        }
    }

    /** A PostgreSQL array literal of the rows' values (ids, codes, dates and times: nothing needs quoting). */
    private static <T> String array(List<T> rows, Function<T, Object> value) {
        StringBuilder literal = new StringBuilder("{");
        for (T row : rows) {
            if (literal.length() > 1) {
                literal.append(',');
            }
            Object v = value.apply(row);
            literal.append(v == null ? "NULL" : v.toString());
        }
        return literal.append('}').toString();
    }

    /**
     * Settles a batch's changes: stores its facts, locks every cardholder concerned in ascending lock-key order (so
     * two segments' batches can never deadlock on each other's cardholders), removes the items a purge ended
     * (everything sealed up to it is gone: no recomputation needed; only data sealed after the purge, seen out of
     * order in a replay, needs the holder recomputed), and recomputes the touched cardholders. A batch of purges (a
     * sweep's catch-up) costs one statement per table, not a round trip per purged item.
     */
    void settle(Changes changes) {
        store(changes);
        changes.touched.addAll(holdersOf(changes.touchedSources));
        Set<UUID> holders = new LinkedHashSet<>(changes.touched);
        changes.purged.keySet().forEach(purge -> holders.add((UUID) purge.get(0)));
        lockAll(holders);
        Set<UUID> touched = new LinkedHashSet<>(changes.touched);
        if (!changes.purged.isEmpty()) {
            List<Map.Entry<List<Object>, Instant>> rows = new ArrayList<>(changes.purged.entrySet());
            Set<List<Object>> removed = new HashSet<>();
            jdbc.query("""
                    DELETE FROM retention.schedule_item i
                    USING unnest(?::uuid[], ?::varchar[], ?::timestamptz[]) AS p(cardholder_id, data_class, purged_at)
                    WHERE i.cardholder_id = p.cardholder_id AND i.data_class = p.data_class
                        AND i.sealed_at <= p.purged_at
                    RETURNING i.cardholder_id, i.data_class""",
                    rs -> {
                        removed.add(List.of(rs.getObject(1, UUID.class), DataClass.valueOf(rs.getString(2))));
                    }, array(rows, e -> e.getKey().get(0)), array(rows, e -> e.getKey().get(1)),
                    array(rows, Map.Entry::getValue));
            rows.forEach(row -> {
                if (!removed.contains(row.getKey())) {
                    touched.add((UUID) row.getKey().get(0));
                }
            });
        }
        recomputeLocked(touched);
    }

    /**
     * Recomputes the items of these cardholders with the active policy: per chunk of {@value #CHUNK} cardholders,
     * one query per table read and one delete and one batched insert, not a round trip per cardholder.
     */
    void recompute(Set<UUID> cardholders) {
        lockAll(cardholders);
        recomputeLocked(cardholders);
    }

    private void recomputeLocked(Set<UUID> cardholders) {
        List<UUID> all = new ArrayList<>(cardholders);
        for (int from = 0; from < all.size(); from += CHUNK) {
            List<UUID> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
            Map<UUID, List<ScheduleCalculator.Source>> sources = sources(chunk);
            Map<UUID, Map<DataClass, Instant>> purges = purges(chunk);
            List<ScheduleCalculator.Item> items = new ArrayList<>();
            for (UUID cardholderId : chunk) {
                items.addAll(ScheduleCalculator.items(cardholderId, sources.getOrDefault(cardholderId, List.of()),
                        purges.getOrDefault(cardholderId, new EnumMap<>(DataClass.class)), policy));
            }
            jdbc.update("DELETE FROM retention.schedule_item WHERE cardholder_id = ANY ((SELECT ?::uuid[])::uuid[])", ids(chunk));
            jdbc.batchUpdate("""
                    INSERT INTO retention.schedule_item (cardholder_id, data_class, due_at, rule_id, sealed_at)
                    VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (cardholder_id, data_class) DO UPDATE SET due_at = EXCLUDED.due_at,
                    rule_id = EXCLUDED.rule_id, sealed_at = EXCLUDED.sealed_at""", items, items.size(), (ps, item) -> {
                ps.setObject(1, item.cardholderId());
                ps.setString(2, item.dataClass().name());
                ps.setTimestamp(3, ts(item.dueAt()));
                ps.setString(4, item.ruleId());
                ps.setTimestamp(5, ts(item.sealedAt()));
            });
        }
    }

    /** Recomputes every item if the active policy differs from the one the items were computed with. */
    void recomputeAllIfPolicyChanged() {
        List<String> stored = jdbc.queryForList(
                "SELECT profile || '@' || policy_version FROM retention.schedule_policy", String.class);
        String active = policy.profile() + "@" + policy.version();
        if (stored.size() == 1 && stored.get(0).equals(active)) {
            return;
        }
        List<UUID> holders = jdbc.queryForList("SELECT DISTINCT cardholder_id FROM retention.schedule_source",
                UUID.class);
        recompute(new LinkedHashSet<>(holders));
        jdbc.update("""
                INSERT INTO retention.schedule_policy (singleton, profile, policy_version) VALUES (true, ?, ?)
                ON CONFLICT (singleton) DO UPDATE SET profile = EXCLUDED.profile,
                policy_version = EXCLUDED.policy_version""", policy.profile(), policy.version());
    }

    /**
     * Serialises recomputation per cardholder across segments and nodes: a case event and a card event of one holder
     * are handled concurrently by different segments, and without this lock the one that read the facts first could
     * write its stale items last. Whoever takes the lock last reads every fact committed before it plus its own.
     */
    private void lockAll(Set<UUID> cardholderIds) {
        long[] keys = cardholderIds.stream().mapToLong(id -> id.getMostSignificantBits() ^ id.getLeastSignificantBits())
                .sorted().distinct().toArray();
        if (keys.length == 0) {
            return;
        }
        // One round trip: the locks are taken in the subquery's ascending order.
        StringBuilder literal = new StringBuilder("{");
        for (long key : keys) {
            literal.append(literal.length() > 1 ? "," : "").append(key);
        }
        jdbc.query("SELECT pg_advisory_xact_lock(k) FROM (SELECT unnest(?::bigint[]) AS k ORDER BY 1) AS ordered",
                rs -> {
                }, literal.append('}').toString());
    }

    void reset() {
        jdbc.update("""
                TRUNCATE retention.schedule_source, retention.schedule_sealed, retention.schedule_fact,
                retention.schedule_purge, retention.schedule_item""");
    }

    private List<UUID> holdersOf(Set<UUID> sourceIds) {
        if (sourceIds.isEmpty()) {
            return List.of();
        }
        return jdbc.queryForList("""
                SELECT DISTINCT cardholder_id FROM retention.schedule_source WHERE source_id = ANY ((SELECT ?::uuid[])::uuid[])""",
                UUID.class, ids(new ArrayList<>(sourceIds)));
    }

    /** Every source of these cardholders with its sealed classes and facts, per cardholder. */
    private Map<UUID, List<ScheduleCalculator.Source>> sources(List<UUID> cardholders) {
        Map<UUID, ScheduleCalculator.Source> sources = new LinkedHashMap<>();
        String ids = ids(cardholders);
        jdbc.query("""
                SELECT source_id, kind, cardholder_id, site_id, opened_on, appeal_closes_at, appeal_pending
                FROM retention.schedule_source WHERE cardholder_id = ANY ((SELECT ?::uuid[])::uuid[])""", rs -> {
            UUID sourceId = rs.getObject(1, UUID.class);
            Timestamp closes = rs.getTimestamp(6);
            sources.put(sourceId, new ScheduleCalculator.Source(sourceId, SourceKind.valueOf(rs.getString(2)),
                    rs.getObject(3, UUID.class), rs.getObject(4, UUID.class), rs.getObject(5, LocalDate.class),
                    new EnumMap<>(DataClass.class), new HashMap<>(), closes == null ? null : closes.toInstant(),
                    rs.getBoolean(7)));
        }, ids);
        jdbc.query("""
                SELECT s.source_id, s.data_class, s.sealed_at FROM retention.schedule_sealed s
                JOIN retention.schedule_source o ON o.source_id = s.source_id
                WHERE o.cardholder_id = ANY ((SELECT ?::uuid[])::uuid[])""", rs -> {
            sources.get(rs.getObject(1, UUID.class)).sealed()
                    .put(DataClass.valueOf(rs.getString(2)), rs.getTimestamp(3).toInstant());
        }, ids);
        jdbc.query("""
                SELECT f.source_id, f.fact, f.occurred_at FROM retention.schedule_fact f
                JOIN retention.schedule_source o ON o.source_id = f.source_id
                WHERE o.cardholder_id = ANY ((SELECT ?::uuid[])::uuid[])""", rs -> {
            sources.get(rs.getObject(1, UUID.class)).facts().put(rs.getString(2), rs.getTimestamp(3).toInstant());
        }, ids);
        Map<UUID, List<ScheduleCalculator.Source>> byHolder = new HashMap<>();
        sources.values().forEach(source -> byHolder.computeIfAbsent(source.cardholderId(), id -> new ArrayList<>())
                .add(source));
        return byHolder;
    }

    private Map<UUID, Map<DataClass, Instant>> purges(List<UUID> cardholders) {
        Map<UUID, Map<DataClass, Instant>> purges = new HashMap<>();
        jdbc.query("""
                SELECT cardholder_id, data_class, purged_at FROM retention.schedule_purge
                WHERE cardholder_id = ANY ((SELECT ?::uuid[])::uuid[])""", rs -> {
            purges.computeIfAbsent(rs.getObject(1, UUID.class), id -> new EnumMap<>(DataClass.class))
                    .put(DataClass.valueOf(rs.getString(2)), rs.getTimestamp(3).toInstant());
        }, ids(cardholders));
        return purges;
    }

    /**
     * A uuid[] literal (UUIDs need no quoting), bound as {@code = ANY ((SELECT ?::uuid[])::uuid[])}: the cast then runs
     * once per statement. In {@code = ANY (?::uuid[])} PostgreSQL casts the text again for every row a sequential
     * scan filters (array input is not immutable, so it is never folded): 2,000 ids over 16,000 rows took 19.5 s
     * that way and 87 ms this way (issue 17: a bulk rebuild whose batches grew slower as the tables filled).
     */
    private static String ids(List<UUID> uuids) {
        StringBuilder literal = new StringBuilder("{");
        for (UUID id : uuids) {
            if (literal.length() > 1) {
                literal.append(',');
            }
            literal.append(id);
        }
        return literal.append('}').toString();
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
