package org.mincard.application.oversight.register;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.mincard.application.oversight.TextDigest;
import org.mincard.domain.request.CounselReviewerAssigned;
import org.mincard.domain.request.DataRequestAnswered;
import org.mincard.domain.request.DataRequestDecided;
import org.mincard.domain.request.DataRequestHolderNotified;
import org.mincard.domain.request.DataRequestRegistered;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Keeps the register current ({@code oversight.data_request}) and appends one chained row per register event
 * ({@code audit.request_register_entry}), in the transaction that appends the event (subscribing processor), so the
 * register can never lag its events or be edited by the application afterwards.
 */
@Component
@ProcessingGroup("request-register")
class RequestRegister {

    private final JdbcTemplate jdbc;

    RequestRegister(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(DataRequestRegistered event, @Timestamp Instant at) {
        jdbc.update("""
                INSERT INTO oversight.data_request (request_id, requester_type, instrument, case_ids, subject_ids,
                       scope_description, received_on, registered_at)
                VALUES (?, ?, ?, ?::uuid[], ?::uuid[], ?, ?, ?) ON CONFLICT (request_id) DO NOTHING""",
                event.requestId(), event.requesterType().name(), event.instrument().name(),
                array(event.caseIds()), array(event.subjectIds()), codes(event),
                Date.valueOf(event.receivedOn()), java.sql.Timestamp.from(at));
        entry(event.requestId(), "DataRequestRegistered", at, event.requesterType().name(),
                event.instrument().name(), array(event.caseIds()), array(event.subjectIds()),
                TextDigest.sha256Hex(codes(event)), event.receivedOn(), null, null, null);
    }

    /** The requested kinds of records as stored in {@code scope_description}: codes joined by commas. */
    private static String codes(DataRequestRegistered event) {
        return String.join(",", event.requestedRecords().stream().map(Enum::name).toList());
    }

    @EventHandler
    void on(CounselReviewerAssigned event, @Timestamp Instant at) {
        jdbc.update("UPDATE oversight.data_request SET counsel_reviewer_id = ? WHERE request_id = ?",
                event.counselReviewerId(), event.requestId());
        entry(event.requestId(), "CounselReviewerAssigned", at, null, null, null, null, null, null,
                event.counselReviewerId(), null, null);
    }

    @EventHandler
    void on(DataRequestDecided event, @Timestamp Instant at) {
        jdbc.update("UPDATE oversight.data_request SET decision = ?, decided_on = ? WHERE request_id = ?",
                event.decision().name(), Date.valueOf(event.decidedOn()), event.requestId());
        entry(event.requestId(), "DataRequestDecided", at, null, null, null, null, null, null,
                event.counselReviewerId(), event.decision().name(), event.decidedOn());
    }

    @EventHandler
    void on(DataRequestHolderNotified event, @Timestamp Instant at) {
        jdbc.update("UPDATE oversight.data_request SET holder_notified = true, notified_on = ? WHERE request_id = ?",
                Date.valueOf(event.notifiedOn()), event.requestId());
        entry(event.requestId(), "DataRequestHolderNotified", at, null, null, null, null, null, null, null, null,
                event.notifiedOn());
    }

    @EventHandler
    void on(DataRequestAnswered event, @Timestamp Instant at) {
        jdbc.update("UPDATE oversight.data_request SET responded_on = ?, days_to_respond = ? WHERE request_id = ?",
                Date.valueOf(event.respondedOn()), event.daysToRespond(), event.requestId());
        entry(event.requestId(), "DataRequestAnswered", at, null, null, null, null, null, null, null, null,
                event.respondedOn());
    }

    private void entry(UUID requestId, String type, Instant at, String requesterType, String instrument,
                       String caseIds, String subjectIds, String scopeHash, LocalDate receivedOn, String counsel,
                       String decision, LocalDate eventDate) {
        jdbc.update("""
                INSERT INTO audit.request_register_entry (request_id, event_type, recorded_at, requester_type,
                       instrument, case_ids, subject_ids, scope_sha256, received_on, counsel_reviewer_id, decision,
                       event_date)
                VALUES (?, ?, ?, ?, ?, ?::uuid[], ?::uuid[], ?, ?, ?, ?, ?)""",
                requestId, type, java.sql.Timestamp.from(at), requesterType, instrument, caseIds, subjectIds,
                scopeHash, receivedOn == null ? null : Date.valueOf(receivedOn), counsel, decision,
                eventDate == null ? null : Date.valueOf(eventDate));
    }

    private static String array(List<UUID> ids) {
        return "{" + String.join(",", ids.stream().map(UUID::toString).toList()) + "}";
    }
}
