package org.mincard.application.retention.compliance;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Reads which schedule items fall due before a time and were not purged since they were sealed. */
@Component
class DueItems {

    /** One (cardholder, class) item and the rule that makes it due. */
    record DueItem(UUID cardholderId, String dataClass, String ruleId, Instant dueAt) {
    }

    private final JdbcTemplate jdbc;

    DueItems(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<DueItem> dueBefore(Instant end) {
        return jdbc.query("""
                SELECT si.cardholder_id, si.data_class, si.rule_id, si.due_at FROM retention.schedule_item si
                LEFT JOIN retention.purge_record p
                       ON p.cardholder_id = si.cardholder_id AND p.data_class = si.data_class
                WHERE si.due_at < ? AND (p.purged_at IS NULL OR p.purged_at < si.sealed_at)""",
                (rs, i) -> new DueItem(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant()),
                Timestamp.from(end));
    }
}
