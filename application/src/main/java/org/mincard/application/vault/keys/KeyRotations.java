package org.mincard.application.vault.keys;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.mincard.domain.personaldata.DataClass;
import org.mincard.domain.personaldata.KeyReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Rewraps every live data key under the current key-encryption key, in keyset-paged batches (bounded memory
 * whatever the number of keys), one transaction each, recording progress and the last key done in
 * {@code vault.key_rotation}. A rotation cut off by a crash resumes from that cursor: at the next start-up, or on
 * another node once its heartbeat is stale. One rotation runs at a time across nodes (a unique index).
 *
 * <p>When a rotation completes, every older KEK version that no live key uses any more is retired: its epoch ends and
 * its destruction is due once the backup-retention period has passed ({@link KekEpochs}).
 */
public class KeyRotations implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(KeyRotations.class);
    private static final UUID LOWEST_UUID = new UUID(0, 0);

    /** Progress of one rotation; {@code remaining} counts live keys under other KEKs right now. */
    public record KeyRotation(UUID rotationId, String targetKekId, State state, long done, long total,
                              long remaining, Instant startedAt, Instant finishedAt) {
    }

    public enum State { RUNNING, COMPLETED, FAILED }

    /** Thrown when a rotation is already running (on this node or another). */
    public static class RotationAlreadyRunning extends RuntimeException {
        RotationAlreadyRunning(UUID rotationId) {
            super("key rotation " + rotationId + " is still running", null, false, false);
        }
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final KeyEncryptionKeys keks;
    private final int batchSize;
    private final RotationProperties rotation;
    private final Clock clock;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "vault-key-rotation");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicReference<UUID> running = new AtomicReference<>();
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong total = new AtomicLong();

    KeyRotations(JdbcTemplate jdbc, TransactionTemplate transactions, KeyEncryptionKeys keks, int batchSize,
                 RotationProperties rotation, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.keks = keks;
        this.batchSize = batchSize;
        this.rotation = rotation;
        this.clock = clock;
        Gauge.builder("mincard.vault.rotation.done", done, AtomicLong::get)
                .description("Data keys rewrapped by the running or last KEK rotation on this node").register(meters);
        Gauge.builder("mincard.vault.rotation.planned", total, AtomicLong::get)
                .description("Data keys the running or last KEK rotation on this node set out to rewrap")
                .register(meters);
        Gauge.builder("mincard.vault.rotation.running", running, r -> r.get() == null ? 0 : 1)
                .description("1 while this node runs a KEK rotation").register(meters);
    }

    /** Starts rewrapping every live key that is not yet under the current KEK; returns at once. */
    public KeyRotation start(String startedBy) {
        UUID rotationId = UUID.randomUUID();
        if (!running.compareAndSet(null, rotationId)) {
            throw new RotationAlreadyRunning(running.get());
        }
        try {
            String target = keks.currentKekId();
            long keys = remaining(target);
            jdbc.update("""
                            INSERT INTO vault.key_rotation
                                (rotation_id, target_kek_id, state, total, done, started_by, started_at, heartbeat_at)
                            VALUES (?, ?, 'RUNNING', ?, 0, ?, ?, ?)""",
                    rotationId, target, keys, startedBy, Timestamp.from(clock.instant()),
                    Timestamp.from(clock.instant()));
            LOG.info("Key rotation {} started: {} data keys to rewrap under KEK '{}'", rotationId, keys, target);
            total.set(keys);
            done.set(0);
            executor.execute(() -> run(rotationId, target, null));
        } catch (DuplicateKeyException e) {
            running.set(null);
            throw new RotationAlreadyRunning(runningRotation().orElse(null));
        } catch (RuntimeException e) {
            running.set(null);
            throw e;
        }
        return find(rotationId).orElseThrow();
    }

    /**
     * Resumes a rotation left {@code RUNNING} by a stop or crash, from its cursor, if this node runs none and either
     * {@code force} (at start-up) or the rotation's heartbeat is older than {@code staleAfter}. Should two nodes ever
     * run the same rotation, both rewrap idempotently under row locks. Returns the rotation resumed.
     */
    public Optional<UUID> resumeInterrupted(boolean force) {
        List<Object[]> rows = jdbc.query("""
                        SELECT rotation_id, target_kek_id, cursor_subject_id, cursor_data_class, cursor_key_version,
                               heartbeat_at, done, total
                        FROM vault.key_rotation WHERE state = 'RUNNING'""",
                (rs, i) -> new Object[]{rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class),
                        rs.getString(4), rs.getInt(5), rs.getTimestamp(6), rs.getLong(7), rs.getLong(8)});
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = rows.get(0);
        UUID rotationId = (UUID) row[0];
        Timestamp heartbeat = (Timestamp) row[5];
        boolean stale = heartbeat == null
                || heartbeat.toInstant().plus(rotation.staleAfter()).isBefore(clock.instant());
        if (!(force || stale) || !running.compareAndSet(null, rotationId)) {
            return Optional.empty();
        }
        KeyReference cursor = row[2] == null ? null
                : new KeyReference((UUID) row[2], DataClass.valueOf((String) row[3]), (Integer) row[4]);
        done.set((Long) row[6]);
        total.set((Long) row[7]);
        LOG.warn("Resuming key rotation {} (interrupted by a stop or crash) after {} of {} keys", rotationId,
                row[6], row[7]);
        executor.execute(() -> run(rotationId, (String) row[1], cursor));
        return Optional.of(rotationId);
    }

    /** At start-up (after the erasure fence), a rotation a stop or crash interrupted continues from its cursor. */
    @EventListener(ApplicationReadyEvent.class)
    void resumeAtStart() {
        resumeInterrupted(true);
    }

    public Optional<UUID> runningRotation() {
        return jdbc.queryForList("SELECT rotation_id FROM vault.key_rotation WHERE state = 'RUNNING'", UUID.class)
                .stream().findFirst();
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

    private void run(UUID rotationId, String target, KeyReference from) {
        try {
            KeyReference cursor = from;
            while (!Thread.currentThread().isInterrupted()) {
                KeyReference after = cursor;
                KeyReference last = transactions.execute(status -> rewrapBatch(rotationId, target, after));
                if (last == null) {
                    break;
                }
                cursor = last;
            }
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            transactions.executeWithoutResult(status -> complete(rotationId));
            LOG.info("Key rotation {} completed", rotationId);
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                LOG.info("Key rotation {} stopped with the service; it resumes at the next start", rotationId);
                return;
            }
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
        KeyReference last = (KeyReference) rows.get(rows.size() - 1)[0];
        jdbc.update("""
                UPDATE vault.key_rotation SET done = done + ?, heartbeat_at = ?, cursor_subject_id = ?,
                    cursor_data_class = ?, cursor_key_version = ? WHERE rotation_id = ?""",
                rows.size(), now, last.subjectId(), last.dataClass().name(), last.keyVersion(), rotationId);
        done.addAndGet(rows.size());
        return last;
    }

    /** Completes the rotation and retires every other KEK version that no live key uses any more. */
    private void complete(UUID rotationId) {
        Instant now = clock.instant();
        jdbc.update("UPDATE vault.key_rotation SET state = 'COMPLETED', finished_at = ? WHERE rotation_id = ?",
                Timestamp.from(now), rotationId);
        List<String> retired = jdbc.queryForList("""
                        UPDATE vault.kek_epoch e SET retired_at = ?, retired_by = ?, destroy_after = ?
                        WHERE e.retired_at IS NULL AND e.kek_id <> ?
                          AND NOT EXISTS (SELECT 1 FROM vault.data_key k
                                          WHERE k.kek_id = e.kek_id AND k.wrapped_key IS NOT NULL)
                        RETURNING e.kek_id""", String.class,
                Timestamp.from(now), rotationId,
                Timestamp.from(now.atOffset(ZoneOffset.UTC).plus(rotation.backupRetention()).toInstant()),
                keks.currentKekId());
        if (!retired.isEmpty()) {
            LOG.info("KEK versions {} retired by rotation {}; destroyed after {}", retired, rotationId,
                    rotation.backupRetention());
        }
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
