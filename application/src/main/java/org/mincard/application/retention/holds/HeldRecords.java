package org.mincard.application.retention.holds;

import org.mincard.application.oversight.LegalHolds;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

/**
 * Whether a case or cardholder was under a legal hold at a past moment, for the access log's "read of a held record"
 * flag. Same scope rules as {@link HeldItems}: a hold covers a cardholder named directly, through one of their cases,
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
    public boolean held(UUID caseId, UUID subjectId, Instant at) {
        if (caseId == null && subjectId == null) {
            return false;
        }
        Timestamp moment = Timestamp.from(at);
        Boolean held = jdbc.queryForObject("""
                SELECT EXISTS (
                    SELECT 1 FROM retention.legal_hold h
                    WHERE h.placed_at <= ? AND (h.released_at IS NULL OR h.released_at > ?)
                      AND (?::uuid = ANY (h.case_ids) OR ?::uuid = ANY (h.subject_ids)
                           OR EXISTS (SELECT 1 FROM retention.schedule_source s
                                      WHERE (s.cardholder_id = ?::uuid OR s.source_id = ?::uuid)
                                        AND (s.source_id = ANY (h.case_ids)
                                             OR (s.site_id = h.site_id
                                                 AND s.opened_on BETWEEN h.from_date AND h.to_date)))))""",
                Boolean.class, moment, moment, caseId, subjectId, subjectId, caseId);
        return Boolean.TRUE.equals(held);
    }
}
