package org.mincard.application.retention.holds;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.mincard.domain.retention.LegalHoldPlaced;
import org.mincard.domain.retention.LegalHoldReleased;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;

/** Active legal holds, written in the same transaction as the hold events (subscribing processor). */
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
            statement.setString(7, event.reason());
            statement.setString(8, event.authority());
            statement.setTimestamp(9, Timestamp.from(event.placedAt()));
            return statement;
        });
    }

    @EventHandler
    void on(LegalHoldReleased event) {
        jdbc.update("""
                UPDATE retention.legal_hold SET released_at = ?, release_authority = ?
                WHERE hold_id = ? AND released_at IS NULL""",
                Timestamp.from(event.releasedAt()), event.authority(), event.holdId());
    }
}
