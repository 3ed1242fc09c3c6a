package org.mincard.projections.casesummary;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.mincard.domain.casefile.CaseSubmitted;
import org.mincard.domain.casefile.CaseType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

@Component
@ProcessingGroup(CaseSummaryProjection.PROCESSING_GROUP)
class CaseSummaryProjection {

    static final String PROCESSING_GROUP = "case-summary";

    private final JdbcTemplate jdbc;

    CaseSummaryProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(CaseSubmitted event, @Timestamp Instant recordedAt, @SequenceNumber long sequence) {
        // Replays and redeliveries must not move a row backwards: only a newer aggregate version writes.
        jdbc.update("""
                INSERT INTO read_model.case_summary
                    (case_id, case_type, site_id, state, submitted_at, last_changed_at, version)
                VALUES (?, ?, ?, 'SUBMITTED', ?, ?, ?)
                ON CONFLICT (case_id) DO UPDATE
                    SET case_type = EXCLUDED.case_type, site_id = EXCLUDED.site_id, state = EXCLUDED.state,
                        submitted_at = EXCLUDED.submitted_at, last_changed_at = EXCLUDED.last_changed_at,
                        version = EXCLUDED.version
                    WHERE read_model.case_summary.version < EXCLUDED.version
                """,
                event.caseId(), event.type().name(), event.siteId(),
                utc(event.submittedAt()), utc(recordedAt), sequence);
    }

    @ResetHandler
    void reset() {
        jdbc.execute("TRUNCATE read_model.case_summary");
    }

    @QueryHandler
    Optional<CaseSummary> handle(GetCaseSummary query) {
        return jdbc.query("""
                        SELECT case_id, case_type, site_id, state, submitted_at, last_changed_at, version
                        FROM read_model.case_summary WHERE case_id = ?
                        """,
                CaseSummaryProjection::toSummary, query.caseId()).stream().findFirst();
    }

    private static CaseSummary toSummary(ResultSet rs, int row) throws SQLException {
        return new CaseSummary(
                rs.getObject("case_id", UUID.class),
                CaseType.valueOf(rs.getString("case_type")),
                rs.getObject("site_id", UUID.class),
                rs.getString("state"),
                instant(rs, "submitted_at"),
                instant(rs, "last_changed_at"),
                rs.getLong("version"));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
