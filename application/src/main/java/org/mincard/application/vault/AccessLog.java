package org.mincard.application.vault;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.PreparedStatement;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Appends access records to {@code audit.access_record}, a batch in one statement. The table refuses updates and
 * deletes; the order of its ids is the order the oversight work chains.
 */
@Component
class AccessLog {

    private final JdbcTemplate jdbc;

    AccessLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void append(List<AccessRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        jdbc.update(connection -> {
            PreparedStatement statement = connection.prepareStatement("""
                    INSERT INTO audit.access_record (occurred_at, actor_id, actor_role, site_id, case_id, subject_id,
                                                     data_class, purpose, outcome, refusal_reason, request_reference)
                    SELECT * FROM unnest(?::text[]::timestamptz[], ?::text[], ?::text[], ?::text[]::uuid[],
                                         ?::text[]::uuid[], ?::text[]::uuid[], ?::text[], ?::text[], ?::text[],
                                         ?::text[], ?::text[])""");
            List<Function<AccessRecord, Object>> columns = List.of(
                    AccessRecord::occurredAt, AccessRecord::actorId, AccessRecord::actorRole, AccessRecord::siteId,
                    AccessRecord::caseId, AccessRecord::subjectId, AccessRecord::dataClass, AccessRecord::purpose,
                    AccessRecord::outcome, AccessRecord::refusalReason, AccessRecord::requestReference);
            for (int column = 0; column < columns.size(); column++) {
                Function<AccessRecord, Object> value = columns.get(column);
                String[] values = records.stream().map(value)
                        .map(v -> v == null ? null : Objects.toString(v)).toArray(String[]::new);
                statement.setArray(column + 1, connection.createArrayOf("text", values));
            }
            return statement;
        });
    }
}
