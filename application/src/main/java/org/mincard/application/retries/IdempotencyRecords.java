package org.mincard.application.retries;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code lookup.idempotent_request}: the first answer to a client's {@code Idempotency-Key}, replayed to its retries.
 * Neither the key nor the request is stored: the row is found by a keyed hash of (actor, key), holds a keyed
 * fingerprint of the request and the answer sealed under a key derived from the client's key ({@link SealedAnswers}).
 * A row lives only for {@code mincard.idempotency.retention} (removed every {@code purge-interval}, and never answered
 * after it) and is removed at once when a retention sweep purges any class of the cardholder's data it names
 * ({@link #forgetCardholders}, called by retention's purge listener).
 */
@Component
public class IdempotencyRecords {

    private static final Logger LOG = LoggerFactory.getLogger(IdempotencyRecords.class);

    /** The advisory-lock namespace of idempotency keys (the first int of PostgreSQL's two-int lock key). */
    private static final int LOCK_NAMESPACE = 0x1DE0_0018;

    /** A stored record: the request's fingerprint, whether the answer is in, and the sealed answer. */
    record Stored(byte[] fingerprint, boolean inFlight, Instant createdAt, byte[] answer) {
    }

    private final JdbcTemplate jdbc;
    private final IdempotencyProperties properties;
    private final Clock clock;

    IdempotencyRecords(JdbcTemplate jdbc, IdempotencyProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Takes the key's transaction-scoped advisory lock without waiting; false while another transaction (the same key
     * in flight on any node) holds it. Released by the caller's commit or rollback.
     */
    boolean tryLock(byte[] keyHash) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?, ?)", Boolean.class,
                LOCK_NAMESPACE, ByteBuffer.wrap(keyHash).getInt()));
    }

    /** The unexpired record stored under this key hash, if any. */
    Optional<Stored> find(byte[] keyHash) {
        Instant oldest = clock.instant().minus(properties.retention());
        return jdbc.query("""
                        SELECT request_fingerprint, state, created_at, answer FROM lookup.idempotent_request
                        WHERE key_hash = ? AND created_at > ?""",
                (rs, row) -> new Stored(rs.getBytes("request_fingerprint"), "IN_FLIGHT".equals(rs.getString("state")),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant(), rs.getBytes("answer")),
                keyHash, oldest.atOffset(ZoneOffset.UTC)).stream().findFirst();
    }

    /** Stores a finished answer in the caller's transaction, replacing an expired or abandoned row under the key. */
    void store(byte[] keyHash, byte[] fingerprint, byte[] sealedAnswer, UUID caseId, UUID cardholderId) {
        jdbc.update("DELETE FROM lookup.idempotent_request WHERE key_hash = ?", keyHash);
        jdbc.update("""
                INSERT INTO lookup.idempotent_request (key_hash, request_fingerprint, case_id, cardholder_id,
                    created_at, state, answer) VALUES (?, ?, ?, ?, ?, 'DONE', ?)""", keyHash, fingerprint, caseId,
                cardholderId, clock.instant().atOffset(ZoneOffset.UTC), sealedAnswer);
    }

    /** Marks the key as taken by a request that runs in its own transactions (committed by the caller). */
    void claim(byte[] keyHash, byte[] fingerprint) {
        jdbc.update("DELETE FROM lookup.idempotent_request WHERE key_hash = ?", keyHash);
        jdbc.update("""
                INSERT INTO lookup.idempotent_request (key_hash, request_fingerprint, created_at, state)
                VALUES (?, ?, ?, 'IN_FLIGHT')""", keyHash, fingerprint, clock.instant().atOffset(ZoneOffset.UTC));
    }

    /** Frees a claimed key whose request did not succeed: a retry runs it again. */
    void release(byte[] keyHash) {
        jdbc.update("DELETE FROM lookup.idempotent_request WHERE key_hash = ? AND state = 'IN_FLIGHT'", keyHash);
    }

    /** Whether an in-flight record is old enough to count as abandoned (its node died before answering). */
    boolean abandoned(Stored stored) {
        return stored.createdAt().isBefore(clock.instant().minus(properties.inFlightTimeout()));
    }

    /** Removes every record older than the retention; answers how many. Runs on every node (it is idempotent). */
    @Scheduled(fixedDelayString = "${mincard.idempotency.purge-interval:PT15M}",
            initialDelayString = "${mincard.idempotency.purge-interval:PT15M}")
    public int purgeExpired() {
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
                    "DELETE FROM lookup.idempotent_request WHERE cardholder_id = ANY ((SELECT ?::uuid[])::uuid[])");
            statement.setArray(1, connection.createArrayOf("uuid", cardholderIds.stream().distinct().toArray()));
            return statement;
        });
    }
}
