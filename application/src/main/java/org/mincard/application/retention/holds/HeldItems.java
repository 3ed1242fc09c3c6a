package org.mincard.application.retention.holds;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Array;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * Which cardholders an active legal hold covers: named directly, through one of their cases, or through a case or
 * card opened at a held site in the held date range. A held cardholder's classes are all held, because its cases
 * share one key per class.
 */
@Component
public class HeldItems {

    private final JdbcTemplate jdbc;

    HeldItems(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Set<UUID> held(Collection<UUID> cardholders) {
        Set<UUID> held = new HashSet<>();
        if (cardholders.isEmpty() || !anyActive()) {
            return held;
        }
        jdbc.query(connection -> {
            var statement = connection.prepareStatement("""
                    SELECT DISTINCT c.cardholder_id
                    FROM unnest(?::uuid[]) AS c(cardholder_id)
                    JOIN retention.legal_hold h ON h.released_at IS NULL
                    WHERE c.cardholder_id = ANY (h.subject_ids)
                       OR EXISTS (SELECT 1 FROM retention.schedule_source s
                                  WHERE s.cardholder_id = c.cardholder_id
                                    AND (s.source_id = ANY (h.case_ids)
                                         OR (s.site_id = h.site_id AND s.opened_on BETWEEN h.from_date AND h.to_date)))""");
            Array ids = connection.createArrayOf("uuid", cardholders.toArray());
            statement.setArray(1, ids);
            return statement;
        }, rs -> {
            held.add(rs.getObject(1, UUID.class));
        });
        return held;
    }

    public boolean anyActive() {
        Boolean any = jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM retention.legal_hold WHERE released_at IS NULL)", Boolean.class);
        return Boolean.TRUE.equals(any);
    }
}
