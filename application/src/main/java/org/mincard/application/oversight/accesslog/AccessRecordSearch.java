package org.mincard.application.oversight.accesslog;

import org.mincard.application.oversight.LegalHolds;
import org.mincard.application.oversight.OversightProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Searches the access log in access-id order (keyset pages) and flags what an auditor should look at. */
@Component
public class AccessRecordSearch {

    private final JdbcTemplate jdbc;
    private final OversightProperties.AccessLog settings;
    private final LegalHolds holds;

    AccessRecordSearch(JdbcTemplate jdbc, OversightProperties properties, LegalHolds holds) {
        this.jdbc = jdbc;
        this.settings = properties.accessLog();
        this.holds = holds;
    }

    public List<FlaggedAccessRecord> search(AccessRecordQuery query) {
        StringBuilder where = new StringBuilder("WHERE r.access_id > ?");
        List<Object> args = new ArrayList<>();
        args.add(query.after() == null ? 0L : query.after());
        condition(where, args, "r.actor_id = ?", query.actorId());
        condition(where, args, "r.case_id = ?", query.caseId());
        condition(where, args, "r.subject_id = ?", query.subjectId());
        condition(where, args, "r.purpose = ?", query.purpose() == null ? null : query.purpose().name());
        condition(where, args, "r.outcome = ?", query.outcome() == null ? null : query.outcome().name());
        condition(where, args, "r.occurred_at >= ?", query.from() == null ? null : Timestamp.from(query.from()));
        condition(where, args, "r.occurred_at < ?", query.to() == null ? null : Timestamp.from(query.to()));
        List<Object> all = new ArrayList<>();
        all.add(settings.bulkWindow().toMillis() / 1000.0);
        all.addAll(args);
        all.add(query.limit());
        List<Row> rows = jdbc.query("""
                SELECT r.access_id, r.occurred_at, r.actor_id, r.actor_role, r.site_id, r.case_id, r.subject_id,
                       r.data_class, r.purpose, r.outcome, r.refusal_reason, r.request_reference,
                       (SELECT count(DISTINCT b.subject_id) FROM audit.access_record b
                        WHERE b.actor_id = r.actor_id AND b.occurred_at < r.occurred_at
                          AND b.occurred_at > r.occurred_at - make_interval(secs => ?)) AS window_subjects
                FROM audit.access_record r
                """ + where + " ORDER BY r.access_id LIMIT ?", (row, n) -> new Row(row.getLong(1),
                row.getTimestamp(2).toInstant(), row.getString(3), row.getString(4), row.getObject(5, UUID.class),
                row.getObject(6, UUID.class), row.getObject(7, UUID.class), row.getString(8), row.getString(9),
                row.getString(10), row.getString(11), row.getString(12), row.getLong(13)), all.toArray());
        Set<Integer> held = holds.held(rows.stream()
                .map(row -> new LegalHolds.Read(row.caseId(), row.subjectId(), row.occurredAt())).toList());
        List<FlaggedAccessRecord> records = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            List<FlaggedAccessRecord.Flag> flags = new ArrayList<>();
            if ("PURGED".equals(row.outcome())) {
                flags.add(FlaggedAccessRecord.Flag.PURGED_READ);
            }
            if (held.contains(i)) {
                flags.add(FlaggedAccessRecord.Flag.HELD_READ);
            }
            if (settings.offHours(row.occurredAt())) {
                flags.add(FlaggedAccessRecord.Flag.OFF_HOURS);
            }
            // Subjects read before this read's own batch: one page of a queue (one gate call, one timestamp) is a
            // clerk working, not harvesting; reading page after page past the threshold is what stands out.
            if (row.windowSubjects() >= settings.bulkSubjects()) {
                flags.add(FlaggedAccessRecord.Flag.BULK_READER);
            }
            records.add(new FlaggedAccessRecord(row.accessId(), row.occurredAt(), row.actorId(), row.actorRole(),
                    row.siteId(), row.caseId(), row.subjectId(), row.dataClass(), row.purpose(), row.outcome(),
                    row.refusalReason(), row.requestReference(), List.copyOf(flags)));
        }
        return records;
    }

    private record Row(long accessId, Instant occurredAt, String actorId, String actorRole, UUID siteId, UUID caseId,
                       UUID subjectId, String dataClass, String purpose, String outcome, String refusalReason,
                       String requestReference, long windowSubjects) {
    }

    private static void condition(StringBuilder where, List<Object> args, String sql, Object value) {
        if (value != null) {
            where.append(" AND ").append(sql);
            args.add(value);
        }
    }
}
