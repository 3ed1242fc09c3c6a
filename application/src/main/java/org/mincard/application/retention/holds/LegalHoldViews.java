package org.mincard.application.retention.holds;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reads legal holds' current state ({@code retention.legal_hold}), which {@link LegalHoldRegister} keeps. */
@Component
public class LegalHoldViews {

    public record HoldView(UUID holdId, List<UUID> caseIds, List<UUID> subjectIds, UUID siteId, LocalDate from,
                    LocalDate to, String reason, String authority, Instant placedAt, Instant releasedAt,
                    String releaseAuthority) {
    }

    private static final String SELECT = """
            SELECT hold_id, case_ids, subject_ids, site_id, from_date, to_date, reason, authority, placed_at,
                   released_at, release_authority FROM retention.legal_hold""";

    private final JdbcTemplate jdbc;

    LegalHoldViews(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Newest first. */
    public List<HoldView> all() {
        return jdbc.query(SELECT + " ORDER BY placed_at DESC, hold_id", (rs, i) -> view(rs));
    }

    boolean exists(UUID holdId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM retention.legal_hold WHERE hold_id = ?)", Boolean.class, holdId));
    }

    Optional<HoldView> find(UUID holdId) {
        return jdbc.query(SELECT + " WHERE hold_id = ?", (rs, i) -> view(rs), holdId).stream().findFirst();
    }

    private static HoldView view(ResultSet rs) throws SQLException {
        Timestamp released = rs.getTimestamp(10);
        return new HoldView(rs.getObject(1, UUID.class), uuids(rs.getArray(2)), uuids(rs.getArray(3)),
                rs.getObject(4, UUID.class), rs.getObject(5, LocalDate.class), rs.getObject(6, LocalDate.class),
                rs.getString(7), rs.getString(8), rs.getTimestamp(9).toInstant(),
                released == null ? null : released.toInstant(), rs.getString(11));
    }

    private static List<UUID> uuids(Array array) throws SQLException {
        return Arrays.stream((Object[]) array.getArray()).map(UUID.class::cast).toList();
    }
}
