package org.mincard.application.oversight.register;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.sql.Array;
import java.sql.Date;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reads the register's current state. */
@Component
public class DataRequests {

    private final JdbcTemplate jdbc;

    DataRequests(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One request as the register shows it: codes, ids and dates (no personal data, no free text). */
    public record RegisteredRequest(UUID requestId, String requesterType, String instrument, List<UUID> caseIds,
                             List<UUID> subjectIds, List<String> requestedRecords, LocalDate receivedOn,
                             String counselReviewerId, String decision, LocalDate decidedOn, boolean holderNotified,
                             LocalDate notifiedOn, LocalDate respondedOn, Long daysToRespond) {
    }

    private static final String COLUMNS = """
            SELECT request_id, requester_type, instrument, case_ids, subject_ids, scope_description, received_on,
                   counsel_reviewer_id, decision, decided_on, holder_notified, notified_on, responded_on,
                   days_to_respond FROM oversight.data_request""";

    private static final RowMapper<RegisteredRequest> ROW = (row, n) -> new RegisteredRequest(
            row.getObject(1, UUID.class), row.getString(2), row.getString(3), uuids(row.getArray(4)),
            uuids(row.getArray(5)), List.of(row.getString(6).split(",")), date(row.getDate(7)), row.getString(8), row.getString(9),
            date(row.getDate(10)), row.getBoolean(11), date(row.getDate(12)), date(row.getDate(13)),
            row.getObject(14) == null ? null : row.getLong(14));

    Optional<RegisteredRequest> find(UUID requestId) {
        return jdbc.query(COLUMNS + " WHERE request_id = ?", ROW, requestId).stream().findFirst();
    }

    public List<RegisteredRequest> list(Integer year) {
        if (year == null) {
            return jdbc.query(COLUMNS + " ORDER BY received_on, request_id", ROW);
        }
        return jdbc.query(COLUMNS + " WHERE received_on >= ? AND received_on < ? ORDER BY received_on, request_id",
                ROW, Date.valueOf(LocalDate.of(year, 1, 1)), Date.valueOf(LocalDate.of(year + 1, 1, 1)));
    }

    private static List<UUID> uuids(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((UUID[]) array.getArray());
    }

    private static LocalDate date(Date date) {
        return date == null ? null : date.toLocalDate();
    }
}
