package org.mincard.projections.caseview;

import org.mincard.domain.casefile.CardMailed;
import org.mincard.domain.casefile.CaseCardProduced;
import org.mincard.domain.casefile.CaseDenied;
import org.mincard.domain.casefile.CaseFileEvent;
import org.mincard.domain.casefile.CaseState;
import org.mincard.domain.casefile.CaseSubmitted;
import org.mincard.domain.casefile.DenialReason;
import org.mincard.domain.casefile.DocumentsReviewed;
import org.mincard.domain.personaldata.SealedValue;
import org.mincard.domain.shared.AgeBand;
import org.mincard.domain.shared.CaseType;
import org.mincard.projections.batch.BatchColumns;
import org.mincard.projections.caseview.SealedField.CaseField;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static org.mincard.projections.batch.TextArrays.text;

/**
 * The events of one unit of work, folded per case and written at once. Flushing reads the current rows of the cases
 * the batch touches (one query), applies their events in order in memory, and writes the changed rows, the history
 * rows and the sealed copies in one statement.
 *
 * <p>A row's {@code version} is the aggregate sequence of the last state-changing event applied. An event at or below
 * it changes neither the row nor the sealed copies (its history row already exists and is kept), so a redelivered
 * older event cannot bring back an earlier delivery address or denial. {@code CardProduced} comes from the
 * cardholder's stream, which has its own sequence: the card number is the only field it writes, and it always wins.
 */
final class CaseViewBatch {

    private final JdbcTemplate jdbc;
    private final Map<UUID, List<Pending>> byCase = new LinkedHashMap<>();
    private final Map<FieldKey, Copy> cardNumbers = new LinkedHashMap<>();
    private final List<Purge> purges = new ArrayList<>();

    CaseViewBatch(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    private record Pending(CaseFileEvent event, long sequence, Instant recordedAt, String actorId,
                           String actorRole, Long index) {
    }

    /** A sealed copy and the global index of the event that carried it (null when the processor gave none). */
    private record Copy(SealedValue value, Long index) {
    }

    private record FieldKey(UUID caseId, CaseField field) {
    }

    /** A purge of a subject's class at a global index (null when the processor gave none: every copy goes). */
    private record Purge(UUID subjectId, String dataClass, Long index) {
    }

    private record HistoryKey(UUID caseId, long sequence) {
    }

    private record History(UUID caseId, long sequence, String event, Instant occurredAt, String actorId,
                           String actorRole) {
    }

    /** One case's row, as read and then changed by the batch's events. */
    private static final class Row {
        UUID caseId;
        CaseType type;
        UUID siteId;
        CaseState state;
        UUID cardholderId;
        AgeBand ageBand;
        UUID previousCardId;
        UUID cardId;
        Boolean pointsRuleMet;
        DenialReason denialReason;
        Instant appealDeadline;
        Instant submittedAt;
        Instant lastChangedAt;
        long version;
        boolean changed;
    }

    void add(CaseFileEvent event, long sequence, Instant recordedAt, String actorId, String actorRole, Long index) {
        byCase.computeIfAbsent(event.caseId(), id -> new ArrayList<>())
                .add(new Pending(event, sequence, recordedAt, actorId, actorRole, index));
    }

    void addCardNumber(UUID caseId, SealedValue cardNumber, Long index) {
        cardNumbers.put(new FieldKey(caseId, CaseField.CARD_NUMBER), new Copy(cardNumber, index));
    }

    void addPurge(UUID subjectId, String dataClass, Long index) {
        purges.add(new Purge(subjectId, dataClass, index));
    }

    void flush() {
        if (byCase.isEmpty() && cardNumbers.isEmpty() && purges.isEmpty()) {
            return;
        }
        Map<UUID, Row> rows = byCase.isEmpty() ? Map.of() : load(List.copyOf(byCase.keySet()));
        List<Row> written = new ArrayList<>();
        Map<HistoryKey, History> history = new LinkedHashMap<>();
        Map<FieldKey, Copy> sealed = new LinkedHashMap<>();
        byCase.forEach((caseId, pending) -> {
            Row row = rows.get(caseId);
            for (Pending next : pending) {
                history.putIfAbsent(new HistoryKey(caseId, next.sequence()), new History(caseId, next.sequence(),
                        next.event().getClass().getSimpleName(), next.recordedAt(), next.actorId(),
                        next.actorRole()));
                if (next.event() instanceof CaseSubmitted submitted) {
                    if (row == null) {
                        row = submitted(submitted, next.sequence(), next.recordedAt());
                        seal(sealed, caseId, CaseField.CARD_RECORD, submitted.cardRecord(), next.index());
                        seal(sealed, caseId, CaseField.CONTACT, submitted.contact(), next.index());
                        seal(sealed, caseId, CaseField.DELIVERY, submitted.delivery(), next.index());
                    }
                } else if (CaseState.changesState(next.event())) {
                    if (row == null || next.sequence() > row.version) {
                        advance(row, next.event(), next.sequence(), next.recordedAt(), next.index(), sealed);
                    }
                }
            }
            if (row != null && row.changed) {
                written.add(row);
            }
        });
        sealed.putAll(cardNumbers);
        lockSubjects(sealed, purges);
        purges.forEach(this::purge);
        write(written, List.copyOf(history.values()), sealed);
        byCase.clear();
        cardNumbers.clear();
        purges.clear();
    }

    /**
     * A purge in one segment's batch and a sealing event of the same subject in another's would otherwise race: the
     * purge's DELETE cannot see the other's uncommitted copy, nor the copy's NOT EXISTS the uncommitted purge, and a
     * purged copy would come back on a replay. Every batch that writes or purges copies first takes a
     * transaction-scoped lock per subject, all in one order, so two such batches for one subject run one after the
     * other and never deadlock.
     */
    private void lockSubjects(Map<FieldKey, Copy> sealed, List<Purge> purged) {
        Set<String> subjects = new TreeSet<>();
        sealed.values().forEach(copy -> subjects.add(copy.value().key().subjectId().toString()));
        purged.forEach(purge -> subjects.add(purge.subjectId().toString()));
        if (subjects.isEmpty()) {
            return;
        }
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            try (PreparedStatement statement = connection.prepareStatement("""
                    SELECT count(pg_advisory_xact_lock(k)) FROM (
                        SELECT DISTINCT hashtextextended('mincard:case-view-subject:' || s, 0) AS k
                        FROM unnest(?::text[]) AS s ORDER BY k) AS locks""")) {
                statement.setArray(1, connection.createArrayOf("text", subjects.toArray()));
                try (ResultSet ignored = statement.executeQuery()) {
                    return null;
                }
            }
        });
    }

    /** Removes every copy of the class sealed before the purge and remembers the purge for copies met later. */
    private void purge(Purge purge) {
        jdbc.update("""
                DELETE FROM read_model.case_sealed_field
                WHERE subject_id = ? AND data_class = ?
                    AND (?::bigint IS NULL OR sealed_index IS NULL OR sealed_index < ?::bigint)
                """, purge.subjectId(), purge.dataClass(), purge.index(), purge.index());
        if (purge.index() != null) {
            jdbc.update("""
                    INSERT INTO read_model.case_purged_class (subject_id, data_class, purged_index) VALUES (?, ?, ?)
                    ON CONFLICT DO NOTHING""", purge.subjectId(), purge.dataClass(), purge.index());
        }
    }

    private static Row submitted(CaseSubmitted event, long sequence, Instant recordedAt) {
        Row row = new Row();
        row.caseId = event.caseId();
        row.type = event.type();
        row.siteId = event.siteId();
        row.state = CaseState.SUBMITTED;
        row.cardholderId = event.cardholderId();
        row.ageBand = event.ageBand();
        row.previousCardId = event.previousCardId();
        row.submittedAt = event.submittedAt();
        row.lastChangedAt = recordedAt;
        row.version = sequence;
        row.changed = true;
        return row;
    }

    /** Applies a state-changing event; without a row (its submission never reached this view) only the seals. */
    private static void advance(Row row, CaseFileEvent event, long sequence, Instant recordedAt, Long index,
                                Map<FieldKey, Copy> sealed) {
        if (row != null) {
            row.state = CaseState.after(event);
            row.lastChangedAt = recordedAt;
            row.version = sequence;
            row.changed = true;
        }
        if (event instanceof DocumentsReviewed reviewed) {
            if (row != null) {
                row.pointsRuleMet = reviewed.meetsPointsRule();
            }
            seal(sealed, event.caseId(), CaseField.REVIEW, reviewed.review(), index);
        } else if (event instanceof CaseDenied denied && row != null) {
            row.denialReason = denied.reason();
            row.appealDeadline = denied.appealDeadline();
        } else if (event instanceof CaseCardProduced produced && row != null) {
            row.cardId = produced.cardId();
        } else if (event instanceof CardMailed mailed) {
            seal(sealed, event.caseId(), CaseField.DELIVERY, mailed.delivery(), index);
        }
    }

    private static void seal(Map<FieldKey, Copy> sealed, UUID caseId, CaseField field, SealedValue value,
                             Long index) {
        if (value != null) {
            sealed.put(new FieldKey(caseId, field), new Copy(value, index));
        }
    }

    private Map<UUID, Row> load(List<UUID> caseIds) {
        Map<UUID, Row> rows = new HashMap<>();
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            try (PreparedStatement statement = connection.prepareStatement("""
                    SELECT case_id, case_type, site_id, state, cardholder_id, age_band, previous_card_id, card_id,
                        points_rule_met, denial_reason, appeal_deadline, submitted_at, last_changed_at, version
                    FROM read_model.case_view
                    WHERE case_id = ANY ((SELECT ?::uuid[])::uuid[])
                    """)) {
                statement.setArray(1, text(connection, caseIds.stream().map(UUID::toString).toList()));
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        Row row = new Row();
                        row.caseId = rs.getObject("case_id", UUID.class);
                        row.type = CaseType.valueOf(rs.getString("case_type"));
                        row.siteId = rs.getObject("site_id", UUID.class);
                        row.state = CaseState.valueOf(rs.getString("state"));
                        row.cardholderId = rs.getObject("cardholder_id", UUID.class);
                        row.ageBand = AgeBand.valueOf(rs.getString("age_band"));
                        row.previousCardId = rs.getObject("previous_card_id", UUID.class);
                        row.cardId = rs.getObject("card_id", UUID.class);
                        row.pointsRuleMet = (Boolean) rs.getObject("points_rule_met");
                        String denialReason = rs.getString("denial_reason");
                        row.denialReason = denialReason == null ? null : DenialReason.valueOf(denialReason);
                        row.appealDeadline = instant(rs, "appeal_deadline");
                        row.submittedAt = instant(rs, "submitted_at");
                        row.lastChangedAt = instant(rs, "last_changed_at");
                        row.version = rs.getLong("version");
                        rows.put(row.caseId, row);
                    }
                }
            }
            return null;
        });
        return rows;
    }

    private static final BatchColumns<Row> VIEW_COLUMNS = BatchColumns.<Row>builder()
            .column("case_id", "uuid", row -> row.caseId)
            .column("case_type", "text", row -> row.type.name())
            .column("site_id", "uuid", row -> row.siteId)
            .column("state", "text", row -> row.state.name())
            .column("cardholder_id", "uuid", row -> row.cardholderId)
            .column("age_band", "text", row -> row.ageBand.name())
            .column("previous_card_id", "uuid", row -> row.previousCardId)
            .column("card_id", "uuid", row -> row.cardId)
            .column("points_rule_met", "boolean", row -> row.pointsRuleMet)
            .column("denial_reason", "text", row -> row.denialReason == null ? null : row.denialReason.name())
            .column("appeal_deadline", "timestamptz", row -> row.appealDeadline)
            .column("submitted_at", "timestamptz", row -> row.submittedAt)
            .column("last_changed_at", "timestamptz", row -> row.lastChangedAt)
            .column("version", "bigint", row -> row.version)
            .build();

    private static final BatchColumns<History> HISTORY_COLUMNS = BatchColumns.<History>builder()
            .column("case_id", "uuid", History::caseId)
            .column("sequence", "bigint", History::sequence)
            .column("event", "text", History::event)
            .column("occurred_at", "timestamptz", History::occurredAt)
            .column("actor_id", "text", History::actorId)
            .column("actor_role", "text", History::actorRole)
            .build();

    private static final BatchColumns<Map.Entry<FieldKey, Copy>> SEALED_COLUMNS =
            BatchColumns.<Map.Entry<FieldKey, Copy>>builder()
                    .column("case_id", "uuid", field -> field.getKey().caseId())
                    .column("field", "text", field -> field.getKey().field().name())
                    .column("subject_id", "uuid", field -> field.getValue().value().key().subjectId())
                    .column("data_class", "text", field -> field.getValue().value().key().dataClass().name())
                    .column("key_version", "integer", field -> field.getValue().value().key().keyVersion())
                    .column("ciphertext", "bytea", field -> field.getValue().value().ciphertext())
                    .column("sealed_index", "bigint", field -> field.getValue().index())
                    .build();

    // One statement shape whatever the batch holds, so PostgreSQL can reuse its plan.
    private static final String WRITE = """
            WITH views AS (
            %s
                ON CONFLICT (case_id) DO UPDATE SET state = EXCLUDED.state, card_id = EXCLUDED.card_id,
                    points_rule_met = EXCLUDED.points_rule_met, denial_reason = EXCLUDED.denial_reason,
                    appeal_deadline = EXCLUDED.appeal_deadline, last_changed_at = EXCLUDED.last_changed_at,
                    version = EXCLUDED.version
                WHERE v.version < EXCLUDED.version
                RETURNING 1),
            history AS (
            %s
                ON CONFLICT (case_id, sequence) DO NOTHING
                RETURNING 1),
            sealed AS (
            %s
                -- A copy sealed before a purge of its class (in event order) never comes back, whichever segment
                -- handles the purge first (CaseViewProjection, PersonalDataPurged).
                WHERE NOT EXISTS (SELECT 1 FROM read_model.case_purged_class p
                    WHERE p.subject_id = u.subject_id::uuid AND p.data_class = u.data_class
                        AND p.purged_index > u.sealed_index::bigint)
                ON CONFLICT (case_id, field) DO UPDATE SET subject_id = EXCLUDED.subject_id,
                    data_class = EXCLUDED.data_class, key_version = EXCLUDED.key_version,
                    ciphertext = EXCLUDED.ciphertext, sealed_index = EXCLUDED.sealed_index
                RETURNING 1)
            SELECT (SELECT count(*) FROM views) + (SELECT count(*) FROM history) + (SELECT count(*) FROM sealed)
            """.formatted(VIEW_COLUMNS.insert("read_model.case_view AS v"),
            HISTORY_COLUMNS.insert("read_model.case_history"),
            SEALED_COLUMNS.insert("read_model.case_sealed_field"));

    private void write(List<Row> rows, List<History> history, Map<FieldKey, Copy> sealed) {
        if (rows.isEmpty() && history.isEmpty() && sealed.isEmpty()) {
            return;
        }
        List<Map.Entry<FieldKey, Copy>> fields = List.copyOf(sealed.entrySet());
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            try (PreparedStatement statement = connection.prepareStatement(WRITE)) {
                int next = VIEW_COLUMNS.bind(statement, 1, rows);
                next = HISTORY_COLUMNS.bind(statement, next, history);
                SEALED_COLUMNS.bind(statement, next, fields);
                try (ResultSet ignored = statement.executeQuery()) {
                    return null;
                }
            }
        });
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
