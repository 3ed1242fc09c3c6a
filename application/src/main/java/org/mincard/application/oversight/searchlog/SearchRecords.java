package org.mincard.application.oversight.searchlog;

import org.mincard.application.oversight.OversightProperties;
import org.mincard.application.oversight.SearchKind;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the search log ({@code audit.search_record}, appended by {@code SearchLog}) in keyset pages, flagging
 * searches made off hours or by a bulk searcher.
 */
@Component
class SearchRecords {

    enum Flag {
        /** Outside the configured office hours (or at a weekend). */
        OFF_HOURS,
        /** The actor searched more often in the trailing window than the configured threshold. */
        BULK_SEARCHER
    }

    record SearchRecord(long searchId, Instant occurredAt, String actorId, String actorRole, SearchKind kind,
                        String queue, int terms, int matches, List<Flag> flags) {
    }

    private final JdbcTemplate jdbc;
    private final OversightProperties.AccessLog settings;

    SearchRecords(JdbcTemplate jdbc, OversightProperties properties) {
        this.jdbc = jdbc;
        this.settings = properties.accessLog();
    }

    /** Records after the cursor {@code after}, oldest first, at most {@code size}; null filters match all. */
    List<SearchRecord> search(String actorId, SearchKind kind, Instant from, Instant to, Long after, int size) {
        StringBuilder where = new StringBuilder("WHERE r.search_id > ?");
        List<Object> args = new ArrayList<>();
        args.add(settings.bulkWindow().toMillis() / 1000.0);
        args.add(after == null ? 0L : after);
        if (actorId != null) {
            where.append(" AND r.actor_id = ?");
            args.add(actorId);
        }
        if (kind != null) {
            where.append(" AND r.kind = ?");
            args.add(kind.name());
        }
        if (from != null) {
            where.append(" AND r.occurred_at >= ?");
            args.add(Timestamp.from(from));
        }
        if (to != null) {
            where.append(" AND r.occurred_at < ?");
            args.add(Timestamp.from(to));
        }
        args.add(size);
        return jdbc.query("""
                SELECT r.search_id, r.occurred_at, r.actor_id, r.actor_role, r.kind, r.queue, r.terms, r.matches,
                       (SELECT count(*) FROM audit.search_record b
                        WHERE b.actor_id = r.actor_id AND b.occurred_at <= r.occurred_at
                          AND b.occurred_at > r.occurred_at - make_interval(secs => ?)) AS window_searches
                FROM audit.search_record r
                """ + where + " ORDER BY r.search_id LIMIT ?", (row, n) -> {
            Instant occurredAt = row.getTimestamp(2).toInstant();
            List<Flag> flags = new ArrayList<>();
            if (settings.offHours(occurredAt)) {
                flags.add(Flag.OFF_HOURS);
            }
            if (row.getLong(9) > settings.bulkSearches()) {
                flags.add(Flag.BULK_SEARCHER);
            }
            return new SearchRecord(row.getLong(1), occurredAt, row.getString(3), row.getString(4),
                    SearchKind.valueOf(row.getString(5)), row.getString(6), row.getInt(7), row.getInt(8),
                    List.copyOf(flags));
        }, args.toArray());
    }
}
