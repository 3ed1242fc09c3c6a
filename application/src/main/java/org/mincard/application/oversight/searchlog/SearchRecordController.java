package org.mincard.application.oversight.searchlog;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.mincard.application.oversight.SearchKind;
import org.mincard.application.web.Csv;
import org.mincard.application.oversight.OversightProperties;
import org.mincard.application.web.RequestProblems;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The search log for auditors: who searched by a name or a card number, when, in which queue, with how many terms
 * and candidates (never the terms), flagged when off hours or when the actor searched more than
 * {@code bulk-searches} times in the {@code bulk-window} ending at this search. Keyset pages in search-id order;
 * CSV with {@code Accept: text/csv}.
 */
@RestController
@RequestMapping("/api/v1/audit/search-records")
@Tag(name = "Audit")
class SearchRecordController {

    static final int MAX_PAGE = 1_000;
    static final int MAX_CSV = 50_000;

    private final JdbcTemplate jdbc;
    private final OversightProperties.AccessLog settings;

    SearchRecordController(JdbcTemplate jdbc, OversightProperties properties) {
        this.jdbc = jdbc;
        this.settings = properties.accessLog();
    }

    enum Flag {
        /** Outside the configured office hours (or at a weekend). */
        OFF_HOURS,
        /** The actor searched more often in the trailing window than the configured threshold. */
        BULK_SEARCHER
    }

    record SearchRecord(long searchId, Instant occurredAt, String actorId, String actorRole, SearchKind kind,
                        String queue, int terms, int matches, List<Flag> flags) {
    }

    /** One page; {@code nextAfter} is the cursor for the next page, absent on the last. */
    record SearchRecordPage(List<SearchRecord> items, Long nextAfter) {
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Search the log of searches by name or card number (keyset pages; pass nextAfter as after)")
    SearchRecordPage page(@RequestParam(required = false) String actorId,
                          @RequestParam(required = false) SearchKind kind,
                          @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                          @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                          @RequestParam(required = false) Long after,
                          @RequestParam(defaultValue = "100") int limit) {
        int size = RequestProblems.between("limit", limit, 1, MAX_PAGE);
        List<SearchRecord> items = search(actorId, kind, from, to, after, size);
        return new SearchRecordPage(items, items.size() < size ? null : items.get(items.size() - 1).searchId());
    }

    @GetMapping(produces = "text/csv")
    @Operation(summary = "The same search as CSV (one page of up to 50,000 rows; Next-After header for the next)")
    ResponseEntity<String> csv(@RequestParam(required = false) String actorId,
                               @RequestParam(required = false) SearchKind kind,
                               @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                               @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                               @RequestParam(required = false) Long after,
                               @RequestParam(defaultValue = "10000") int limit) {
        int size = RequestProblems.between("limit", limit, 1, MAX_CSV);
        List<SearchRecord> items = search(actorId, kind, from, to, after, size);
        StringBuilder csv = new StringBuilder("search_id,occurred_at,actor_id,actor_role,kind,queue,terms,matches,"
                + "flags\r\n");
        for (SearchRecord item : items) {
            csv.append(item.searchId()).append(',').append(item.occurredAt()).append(',')
                    .append(Csv.cell(item.actorId())).append(',').append(Csv.cell(item.actorRole())).append(',')
                    .append(item.kind()).append(',').append(Csv.cell(item.queue())).append(',')
                    .append(item.terms()).append(',').append(item.matches()).append(',')
                    .append(item.flags().stream().map(Enum::name).collect(Collectors.joining(";"))).append("\r\n");
        }
        return Csv.attachment("search-records.csv", csv,
                items.size() == size ? items.get(items.size() - 1).searchId() : null);
    }

    private List<SearchRecord> search(String actorId, SearchKind kind, Instant from, Instant to, Long after,
                                      int size) {
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
