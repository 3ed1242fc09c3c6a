package org.mincard.application.casefile;

import org.mincard.application.vault.BlindIndex;
import org.mincard.domain.shared.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code lookup.idempotent_request}: the first answer to a client's {@code Idempotency-Key}, replayed to its retries.
 * Neither the key nor the request is stored: the row is found by a keyed hash of (actor, key) and holds a keyed
 * fingerprint of the request, both under the blind-index key. Because that fingerprint is derived from the
 * applicant's personal data, a row lives only for {@code mincard.idempotency.retention} (removed every
 * {@code purge-interval}, and never answered after it) and is removed at once when a retention sweep purges any
 * class of the cardholder's data ({@link #forgetCardholders}, called by retention's purge listener).
 */
@Component
public class IdempotencyRecords {

    private static final Logger LOG = LoggerFactory.getLogger(IdempotencyRecords.class);

    /** A stored answer: the request's fingerprint and the ids the first request got. */
    record Stored(byte[] fingerprint, UUID caseId, UUID cardholderId) {
    }

    private final JdbcTemplate jdbc;
    private final BlindIndex blindIndex;
    private final IdempotencyProperties properties;
    private final Clock clock;

    IdempotencyRecords(JdbcTemplate jdbc, BlindIndex blindIndex, IdempotencyProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.blindIndex = blindIndex;
        this.properties = properties;
        this.clock = clock;
    }

    /** The unexpired answer stored under this actor's key, if any. */
    Optional<Stored> find(String idempotencyKey, Actor actor) {
        Instant oldest = clock.instant().minus(properties.retention());
        return jdbc.query("""
                        SELECT request_fingerprint, case_id, cardholder_id FROM lookup.idempotent_request
                        WHERE key_hash = ? AND created_at > ?""",
                (rs, row) -> new Stored(rs.getBytes("request_fingerprint"), rs.getObject("case_id", UUID.class),
                        rs.getObject("cardholder_id", UUID.class)),
                keyHash(idempotencyKey, actor), oldest.atOffset(ZoneOffset.UTC)).stream().findFirst();
    }

    /**
     * Stores the answer in the caller's transaction. An expired row under the same key is replaced; a live one makes
     * the insert fail with a duplicate key (the same key arrived twice at once).
     */
    void store(String idempotencyKey, Actor actor, byte[] fingerprint, UUID caseId, UUID cardholderId, Instant now) {
        byte[] keyHash = keyHash(idempotencyKey, actor);
        jdbc.update("DELETE FROM lookup.idempotent_request WHERE key_hash = ? AND created_at <= ?", keyHash,
                now.minus(properties.retention()).atOffset(ZoneOffset.UTC));
        jdbc.update("""
                INSERT INTO lookup.idempotent_request (key_hash, request_fingerprint, case_id, cardholder_id,
                    created_at) VALUES (?, ?, ?, ?, ?)""", keyHash, fingerprint, caseId, cardholderId,
                now.atOffset(ZoneOffset.UTC));
    }

    /** Removes every record older than the retention; answers how many. Runs on every node (it is idempotent). */
    @Scheduled(fixedDelayString = "${mincard.idempotency.purge-interval:PT15M}",
            initialDelayString = "${mincard.idempotency.purge-interval:PT15M}")
    int purgeExpired() {
        int removed = jdbc.update("DELETE FROM lookup.idempotent_request WHERE created_at <= ?",
                clock.instant().minus(properties.retention()).atOffset(ZoneOffset.UTC));
        if (removed > 0) {
            LOG.info("Removed {} expired idempotency record(s)", removed);
        }
        return removed;
    }

    /**
     * Removes every record of these cardholders, in the caller's transaction: a purge of any class of a cardholder's
     * data ends the fingerprints of their requests too. Idempotent.
     */
    public void forgetCardholders(Collection<UUID> cardholderIds) {
        if (cardholderIds.isEmpty()) {
            return;
        }
        jdbc.update(connection -> {
            var statement = connection.prepareStatement(
                    "DELETE FROM lookup.idempotent_request WHERE cardholder_id = ANY(?::uuid[])");
            statement.setArray(1, connection.createArrayOf("uuid", cardholderIds.stream().distinct().toArray()));
            return statement;
        });
    }

    private byte[] keyHash(String idempotencyKey, Actor actor) {
        return blindIndex.of("idempotency-key", actor.userId() + "\u0000" + idempotencyKey);
    }
}
