package org.mincard.application.vault.keys;

import org.mincard.domain.personaldata.DataClass;
import org.mincard.domain.personaldata.KeyReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Rewraps every live data key under the current key-encryption key, in batches, recording progress in
 * {@code vault.key_rotation}. Once a rotation has completed and the old KEK is removed from every node and destroyed,
 * wrapped keys left behind in old row versions, the WAL or backups can no longer be unwrapped.
 *
 * <p>Rewrapping is idempotent: a rotation interrupted by a restart is finished by starting a new one.
 */
public class KeyRotations implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(KeyRotations.class);
    private static final UUID LOWEST_UUID = new UUID(0, 0);

    /** Progress of one rotation; {@code remaining} counts live keys under other KEKs right now. */
    public record KeyRotation(UUID rotationId, String targetKekId, State state, long done, long total,
                              long remaining, Instant startedAt, Instant finishedAt) {
    }

    public enum State { RUNNING, COMPLETED, FAILED }

    /** Thrown when this node is already running a rotation. */
    public static class RotationAlreadyRunning extends RuntimeException {
        RotationAlreadyRunning(UUID rotationId) {
            super("key rotation " + rotationId + " is still running", null, false, false);
        }
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final KeyEncryptionKeys keks;
    private final int batchSize;
    private final Clock clock;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "vault-key-rotation");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicReference<UUID> running = new AtomicReference<>();

    KeyRotations(JdbcTemplate jdbc, TransactionTemplate transactions, KeyEncryptionKeys keks, int batchSize,
                 Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.keks = keks;
        this.batchSize = batchSize;
        this.clock = clock;
    }

    /** Starts rewrapping every live key that is not yet under the current KEK; returns at once. */
    public KeyRotation start(String startedBy) {
        UUID rotationId = UUID.randomUUID();
        if (!running.compareAndSet(null, rotationId)) {
            throw new RotationAlreadyRunning(running.get());
        }
        try {
            String target = keks.currentKekId();
            long total = remaining(target);
            jdbc.update("""
                            INSERT INTO vault.key_rotation
                                (rotation_id, target_kek_id, state, total, done, started_by, started_at)
                            VALUES (?, ?, 'RUNNING', ?, 0, ?, ?)""",
                    rotationId, target, total, startedBy, Timestamp.from(clock.instant()));
            LOG.info("Key rotation {} started: {} data keys to rewrap under KEK '{}'", rotationId, total, target);
            executor.execute(() -> run(rotationId, target));
        } catch (RuntimeException e) {
            running.set(null);
            throw e;
        }
        return find(rotationId).orElseThrow();
    }

    public Optional<KeyRotation> find(UUID rotationId) {
        return jdbc.query("""
                        SELECT rotation_id, target_kek_id, state, done, total, started_at, finished_at
                        FROM vault.key_rotation WHERE rotation_id = ?""",
                (rs, i) -> {
                    String target = rs.getString(2);
                    Timestamp finished = rs.getTimestamp(7);
                    return new KeyRotation(rs.getObject(1, UUID.class), target, State.valueOf(rs.getString(3)),
                            rs.getLong(4), rs.getLong(5), remaining(target), rs.getTimestamp(6).toInstant(),
                            finished == null ? null : finished.toInstant());
                }, rotationId).stream().findFirst();
    }

    private long remaining(String targetKekId) {
        Long count = jdbc.queryForObject("""
                SELECT count(*) FROM vault.data_key
                WHERE wrapped_key IS NOT NULL AND kek_id <> ?""", Long.class, targetKekId);
        return count == null ? 0 : count;
    }

    private void run(UUID rotationId, String target) {
        try {
            KeyReference cursor = null;
            while (true) {
                KeyReference after = cursor;
                KeyReference last = transactions.execute(status -> rewrapBatch(rotationId, target, after));
                if (last == null) {
                    break;
                }
                cursor = last;
            }
            finish(rotationId, State.COMPLETED);
            LOG.info("Key rotation {} completed", rotationId);
        } catch (RuntimeException e) {
            LOG.error("Key rotation {} failed; start a new rotation to finish it", rotationId, e);
            finish(rotationId, State.FAILED);
        } finally {
            running.set(null);
        }
    }

    /** Rewraps one batch in one transaction; returns the last key it saw, or null when none was left. */
    private KeyReference rewrapBatch(UUID rotationId, String target, KeyReference after) {
        List<Object[]> rows = jdbc.query("""
                        SELECT subject_id, data_class, key_version, kek_id, wrapped_key FROM vault.data_key
                        WHERE (subject_id, data_class, key_version) > (?, ?, ?)
                          AND wrapped_key IS NOT NULL AND kek_id <> ?
                        ORDER BY subject_id, data_class, key_version
                        LIMIT ? FOR UPDATE""",
                (rs, i) -> new Object[]{
                        new KeyReference(rs.getObject(1, UUID.class), DataClass.valueOf(rs.getString(2)), rs.getInt(3)),
                        new WrappedKey(rs.getString(4), rs.getBytes(5))},
                after == null ? LOWEST_UUID : after.subjectId(), after == null ? "" : after.dataClass().name(),
                after == null ? 0 : after.keyVersion(), target, batchSize);
        if (rows.isEmpty()) {
            return null;
        }
        Timestamp now = Timestamp.from(clock.instant());
        List<Object[]> updates = rows.stream().map(row -> {
            KeyReference reference = (KeyReference) row[0];
            byte[] aad = DataKeys.associatedData(reference);
            byte[] key = keks.unwrap((WrappedKey) row[1], aad);
            try {
                WrappedKey rewrapped = keks.wrap(key, aad);
                return new Object[]{rewrapped.kekId(), rewrapped.bytes(), now,
                        reference.subjectId(), reference.dataClass().name(), reference.keyVersion()};
            } finally {
                Arrays.fill(key, (byte) 0);
            }
        }).toList();
        jdbc.batchUpdate("""
                UPDATE vault.data_key SET kek_id = ?, wrapped_key = ?, rewrapped_at = ?
                WHERE subject_id = ? AND data_class = ? AND key_version = ? AND wrapped_key IS NOT NULL""", updates);
        jdbc.update("UPDATE vault.key_rotation SET done = done + ? WHERE rotation_id = ?", rows.size(), rotationId);
        return (KeyReference) rows.get(rows.size() - 1)[0];
    }

    private void finish(UUID rotationId, State state) {
        jdbc.update("UPDATE vault.key_rotation SET state = ?, finished_at = ? WHERE rotation_id = ?",
                state.name(), Timestamp.from(clock.instant()), rotationId);
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
