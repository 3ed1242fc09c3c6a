package org.mincard.projections.caseview;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.queryhandling.QueryHandler;
import org.mincard.domain.cardholder.CardProduced;
import org.mincard.domain.casefile.CaseFileEvent;
import org.mincard.domain.casefile.CaseState;
import org.mincard.domain.casefile.DenialReason;
import org.mincard.domain.personaldata.DataClass;
import org.mincard.domain.personaldata.KeyReference;
import org.mincard.domain.personaldata.SealedValue;
import org.mincard.domain.retention.PersonalDataPurged;
import org.mincard.domain.shared.ActorMetadataFormat;
import org.mincard.domain.shared.AgeBand;
import org.mincard.domain.shared.CaseType;
import org.mincard.projections.batch.UnitOfWorkBatch;
import org.mincard.projections.caseview.SealedField.CaseField;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Keeps the non-personal view of every case, its history, and sealed copies of its personal fields. Handlers are
 * idempotent: a row only moves forward to a higher aggregate sequence, so replays and redeliveries are harmless.
 * Events are not written one by one: each handler call only adds the event to the batch of the current unit of work
 * (a pooled processor handles up to batch-size events in one), written just before that unit of work commits, in
 * its transaction, together with the processor's token: one read and one write round trip per batch. See
 * {@link CaseViewBatch}.
 */
@Component
@ProcessingGroup(CaseViewProjection.PROCESSING_GROUP)
class CaseViewProjection {

    static final String PROCESSING_GROUP = "case-view";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate snapshot;

    CaseViewProjection(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.snapshot = new TransactionTemplate(transactions);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.snapshot.setReadOnly(true);
    }

    @EventHandler
    void on(CaseFileEvent event, @SequenceNumber long sequence, @Timestamp Instant recordedAt,
            @MetaDataValue(ActorMetadataFormat.ACTOR_ID) String actorId,
            @MetaDataValue(ActorMetadataFormat.ACTOR_ROLE) String actorRole, EventMessage<?> message) {
        batch().add(event, sequence, recordedAt, actorId, actorRole, index(message));
    }

    @EventHandler
    void on(CardProduced event, EventMessage<?> message) {
        batch().addCardNumber(event.caseId(), event.cardNumber(), index(message));
    }

    /**
     * A sweep destroyed a class's keys and removed its copies itself (ADR 0007: its events bypass the bus), but a
     * replay re-reads the sealing events: so the view removes every copy of the class sealed before the purge and
     * remembers the purge's position, and a copy sealed before that position is never written again, even when
     * another segment replays its event after this one.
     */
    @EventHandler
    void on(PersonalDataPurged event, TrackingToken token) {
        OptionalLong position = token == null ? OptionalLong.empty() : token.position();
        batch().addPurge(event.cardholderId(), event.dataClass().name(),
                position.isPresent() ? position.getAsLong() : null);
    }

    /**
     * The event's position in the event store, or null when it was not delivered by a streaming processor (a test
     * feeding events directly). A handler parameter of type {@code TrackingToken} would not match such a message at
     * all, so the handler would silently not run: the message is asked instead.
     */
    private static Long index(EventMessage<?> message) {
        if (!(message instanceof TrackedEventMessage<?> tracked) || tracked.trackingToken() == null) {
            return null;
        }
        OptionalLong position = tracked.trackingToken().position();
        return position.isPresent() ? position.getAsLong() : null;
    }

    private CaseViewBatch batch() {
        return UnitOfWorkBatch.current(CaseViewProjection.class, () -> new CaseViewBatch(jdbc), CaseViewBatch::flush);
    }

    @ResetHandler
    void reset() {
        jdbc.execute("TRUNCATE read_model.case_view, read_model.case_history, read_model.case_sealed_field,"
                + " read_model.case_purged_class");
    }

    @QueryHandler
    Optional<CaseView> handle(GetCase query) {
        // The view and its history are two tables: read them in one snapshot so they never disagree.
        return snapshot.execute(status -> read(query));
    }

    private Optional<CaseView> read(GetCase query) {
        List<CaseView.HistoryEntry> history = jdbc.query("""
                        SELECT sequence, event, occurred_at, actor_id, actor_role FROM read_model.case_history
                        WHERE case_id = ? ORDER BY sequence
                        """,
                (rs, row) -> new CaseView.HistoryEntry(rs.getLong("sequence"), rs.getString("event"),
                        instant(rs, "occurred_at"), rs.getString("actor_id"), rs.getString("actor_role")),
                query.caseId());
        return jdbc.query("SELECT * FROM read_model.case_view WHERE case_id = ?",
                (rs, row) -> toView(rs, history), query.caseId()).stream().findFirst();
    }

    @QueryHandler
    List<SealedField> handle(GetCaseSealedFields query) {
        return jdbc.query("""
                        SELECT field, subject_id, data_class, key_version, ciphertext
                        FROM read_model.case_sealed_field WHERE case_id = ? ORDER BY field
                        """,
                (rs, row) -> new SealedField(CaseField.valueOf(rs.getString("field")),
                        new SealedValue(new KeyReference(rs.getObject("subject_id", UUID.class),
                                DataClass.valueOf(rs.getString("data_class")), rs.getInt("key_version")),
                                rs.getBytes("ciphertext"))),
                query.caseId());
    }

    @QueryHandler
    List<CaseSealedField> handle(ListSealedFields query) {
        if (query.caseIds().isEmpty()) {
            return List.of();
        }
        return jdbc.query("""
                        SELECT case_id, field, subject_id, data_class, key_version, ciphertext
                        FROM read_model.case_sealed_field WHERE case_id = ANY(?::uuid[]) AND field = ?
                        """,
                (rs, row) -> new CaseSealedField(rs.getObject("case_id", UUID.class),
                        CaseField.valueOf(rs.getString("field")),
                        new SealedValue(new KeyReference(rs.getObject("subject_id", UUID.class),
                                DataClass.valueOf(rs.getString("data_class")), rs.getInt("key_version")),
                                rs.getBytes("ciphertext"))),
                "{" + String.join(",", query.caseIds().stream().map(UUID::toString).toList()) + "}",
                query.field().name());
    }

    private static CaseView toView(ResultSet rs, List<CaseView.HistoryEntry> history) throws SQLException {
        String denialReason = rs.getString("denial_reason");
        Object pointsRuleMet = rs.getObject("points_rule_met");
        return new CaseView(
                rs.getObject("case_id", UUID.class),
                CaseType.valueOf(rs.getString("case_type")),
                rs.getObject("site_id", UUID.class),
                CaseState.valueOf(rs.getString("state")),
                rs.getObject("cardholder_id", UUID.class),
                AgeBand.valueOf(rs.getString("age_band")),
                rs.getObject("previous_card_id", UUID.class),
                rs.getObject("card_id", UUID.class),
                (Boolean) pointsRuleMet,
                denialReason == null ? null : DenialReason.valueOf(denialReason),
                instant(rs, "appeal_deadline"),
                instant(rs, "submitted_at"),
                instant(rs, "last_changed_at"),
                history);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
