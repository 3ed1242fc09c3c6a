package org.mincard.application.retention.holds;

import org.mincard.application.oversight.LegalHolds;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether cases or cardholders were under a legal hold at past moments, for the access log's "read of a held
 * record" flag, one query per page of reads. Same scope rules as {@link HeldItems}: a hold covers a cardholder named directly, through one of their cases,
 * or through a case or card opened at the held site in the held date range; a case is also covered by naming it. A
 * hold counts from its placing until its release.
 */
@Component
class HeldRecords implements LegalHolds {

    private final JdbcTemplate jdbc;

    HeldRecords(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Set<Integer> held(List<Read> reads) {
        Set<Integer> held = new HashSet<>();
        if (reads.isEmpty() || !Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM retention.legal_hold)", Boolean.class))) {
            return held;
        }
        jdbc.query(connection -> {
            var statement = connection.prepareStatement("""
                    SELECT p.n - 1 FROM unnest(?::uuid[], ?::uuid[], ?::timestamptz[])
                         WITH ORDINALITY AS p(case_id, subject_id, at, n)
                    WHERE EXISTS (
                        SELECT 1 FROM retention.legal_hold h
                        WHERE h.placed_at <= p.at AND (h.released_at IS NULL OR h.released_at > p.at)
                          AND (p.case_id = ANY (h.case_ids) OR p.subject_id = ANY (h.subject_ids)
                               OR EXISTS (SELECT 1 FROM retention.schedule_source s
                                          WHERE (s.cardholder_id = p.subject_id OR s.source_id = p.case_id)
                                            AND (s.source_id = ANY (h.case_ids)
                                                 OR (s.site_id = h.site_id
                                                     AND s.opened_on BETWEEN h.from_date AND h.to_date)))))""");
            statement.setArray(1, connection.createArrayOf("uuid", reads.stream().map(Read::caseId).toArray()));
            statement.setArray(2, connection.createArrayOf("uuid", reads.stream().map(Read::subjectId).toArray()));
            statement.setArray(3, connection.createArrayOf("text",
                    reads.stream().map(read -> read.at().toString()).toArray()));
            return statement;
        }, row -> {
            held.add(row.getInt(1));
        });
        return held;
    }
}
