package org.mincard.application.retention.holds;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.mincard.application.oversight.TextDigest;
import org.mincard.domain.retention.LegalHoldPlaced;
import org.mincard.domain.retention.LegalHoldReleased;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;

/**
 * Legal holds, written in the same transaction as the hold events (subscribing processor): each hold's current
 * state in {@code retention.legal_hold}, and one append-only row per event in {@code audit.legal_hold_entry}, the
 * hash-chained stream "legal-holds" (digests of the reason code and the authority reference; holds placed before
 * revision 2 of {@code LegalHoldPlaced} have digests of the free text they carried then).
 */
@Component
@ProcessingGroup("retention-holds")
class LegalHoldRegister {

    private final JdbcTemplate jdbc;

    LegalHoldRegister(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(LegalHoldPlaced event) {
        jdbc.update(connection -> {
            var statement = connection.prepareStatement("""
                    INSERT INTO retention.legal_hold (hold_id, case_ids, subject_ids, site_id, from_date, to_date,
                        reason, authority, placed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (hold_id) DO NOTHING""");
            statement.setObject(1, event.holdId());
            statement.setArray(2, connection.createArrayOf("uuid", event.scope().caseIds().toArray()));
            statement.setArray(3, connection.createArrayOf("uuid", event.scope().subjectIds().toArray()));
            statement.setObject(4, event.scope().siteId());
            statement.setObject(5, event.scope().from());
            statement.setObject(6, event.scope().to());
            statement.setString(7, event.reason().name());
            statement.setString(8, event.authority());
            statement.setTimestamp(9, Timestamp.from(event.placedAt()));
            return statement;
        });
        jdbc.update(connection -> {
            var statement = connection.prepareStatement("""
                    INSERT INTO audit.legal_hold_entry (hold_id, event_type, occurred_at, case_ids, subject_ids,
                        site_id, from_date, to_date, reason_sha256, authority_sha256)
                    VALUES (?, 'LegalHoldPlaced', ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (hold_id, event_type) DO NOTHING""");
            statement.setObject(1, event.holdId());
            statement.setTimestamp(2, Timestamp.from(event.placedAt()));
            statement.setArray(3, connection.createArrayOf("uuid", event.scope().caseIds().toArray()));
            statement.setArray(4, connection.createArrayOf("uuid", event.scope().subjectIds().toArray()));
            statement.setObject(5, event.scope().siteId());
            statement.setObject(6, event.scope().from());
            statement.setObject(7, event.scope().to());
            statement.setString(8, TextDigest.sha256Hex(event.reason().name()));
            statement.setString(9, TextDigest.sha256Hex(event.authority()));
            return statement;
        });
    }

    @EventHandler
    void on(LegalHoldReleased event) {
        jdbc.update("""
                UPDATE retention.legal_hold SET released_at = ?, release_authority = ?
                WHERE hold_id = ? AND released_at IS NULL""",
                Timestamp.from(event.releasedAt()), event.authority(), event.holdId());
        jdbc.update("""
                INSERT INTO audit.legal_hold_entry (hold_id, event_type, occurred_at, authority_sha256)
                VALUES (?, 'LegalHoldReleased', ?, ?) ON CONFLICT (hold_id, event_type) DO NOTHING""",
                event.holdId(), Timestamp.from(event.releasedAt()), TextDigest.sha256Hex(event.authority()));
    }
}
