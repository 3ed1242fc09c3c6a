package org.mincard.application.vault.keys;

import org.mincard.application.vault.ErasureLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * KEK epochs (ADR 0010): each KEK version is current for {@code interval}, then a rotation moves every live data key
 * to a new version and retires the old one, which is destroyed {@code backupRetention} later (recorded in the erasure
 * ledger first, then in the chained stream {@code kek-destructions}). A purged item's erasure horizon is the
 * destruction time of the KEK that wrapped its key and of every older one still held: planned before, actual after.
 */
public class KekEpochs {

    private static final Logger LOG = LoggerFactory.getLogger(KekEpochs.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final KeyEncryptionKeys keks;
    private final KeyRotations rotations;
    private final ErasureLedger ledger;
    private final RotationProperties properties;
    private final Clock clock;
    private final EpochLock lock;

    KekEpochs(JdbcTemplate jdbc, TransactionTemplate transactions, KeyEncryptionKeys keks, KeyRotations rotations,
              ErasureLedger ledger, RotationProperties properties, Clock clock, EpochLock lock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.keks = keks;
        this.rotations = rotations;
        this.ledger = ledger;
        this.properties = properties;
        this.clock = clock;
        this.lock = lock;
    }

    /** One KEK version's epoch. */
    public record Epoch(String kekId, int epochNo, Instant activatedAt, Instant retiredAt, Instant destroyAfter,
                        Instant destroyedAt) {
    }

    /** When every copy of a key wrapped under {@code kekId} becomes unrecoverable; {@code passed} once it has. */
    public record Horizon(String kekId, Instant at, boolean passed) {
    }

    /** A KEK version held past its destruction date (or destroyed yet still held): a violation. */
    public record Overdue(String kekId, Instant dueAt, String reason) {
    }

    /** The epochs in order. */
    public List<Epoch> epochs() {
        return jdbc.query("""
                SELECT kek_id, epoch_no, activated_at, retired_at, destroy_after, destroyed_at
                FROM vault.kek_epoch ORDER BY epoch_no""", (rs, i) -> new Epoch(rs.getString(1), rs.getInt(2),
                rs.getTimestamp(3).toInstant(), instant(rs.getTimestamp(4)), instant(rs.getTimestamp(5)),
                instant(rs.getTimestamp(6))));
    }

    /** Records an epoch for every KEK held that has none yet; the current one last, so it is the newest. */
    void recordHeld() {
        String current = keks.currentKekId();
        keks.heldKekIds().stream().filter(id -> !id.equals(current)).sorted(KeyEncryptionKeysLoader::byVersion)
                .forEach(this::ensureEpoch);
        ensureEpoch(current);
    }

    private void ensureEpoch(String kekId) {
        jdbc.update("""
                INSERT INTO vault.kek_epoch (kek_id, epoch_no, activated_at)
                SELECT ?, coalesce(max(epoch_no), 0) + 1, ? FROM vault.kek_epoch
                ON CONFLICT (kek_id) DO NOTHING""", kekId, Timestamp.from(clock.instant()));
    }

    /**
     * What the schedule does at each check: look again at the KEK versions (another node may have created or
     * destroyed one), resume a rotation whose node died, rotate when the current epoch has lasted {@code interval}
     * (or when live keys are still under an older KEK), destroy retired KEKs whose backup retention has passed.
     */
    public synchronized void tick() {
        refreshKeks();
        rotations.resumeInterrupted(false);
        rotateIfDue();
        destroyDue();
    }

    /**
     * Starts a rotation if one is due, creating the new KEK version first when the KEK source can; returns it. Under
     * the cluster-wide {@link EpochLock}, after looking again at the KEK versions: two nodes never both start one (nor
     * both generate a version); a node that finds the lock taken only takes in the versions it finds.
     */
    public synchronized Optional<KeyRotations.KeyRotation> rotateIfDue() {
        refreshKeks();
        return lock.tryRun(() -> {
            refreshKeks();
            return rotateIfDueLocked();
        }).flatMap(started -> started);
    }

    private Optional<KeyRotations.KeyRotation> rotateIfDueLocked() {
        if (rotations.runningRotation().isPresent()) {
            return Optional.empty();
        }
        ensureEpoch(keks.currentKekId());
        Epoch current = epoch(keks.currentKekId()).orElseThrow();
        Instant due = plus(current.activatedAt(), properties.interval());
        if (!clock.instant().isBefore(due)) {
            if (keks instanceof RotatableKeyEncryptionKeys rotatable && rotatable.canCreateVersions()) {
                String created = rotatable.createVersion();
                ensureEpoch(created);
                LOG.info("KEK epoch of '{}' ended (due {}); new KEK version '{}' is current", current.kekId(), due,
                        created);
            } else {
                LOG.warn("KEK '{}' is due for rotation since {}, but its source cannot create a version: put a new"
                        + " KEK in the secret store and set mincard.vault.kek.current-id to it", current.kekId(), due);
            }
        }
        Long stale = jdbc.queryForObject("""
                SELECT count(*) FROM vault.data_key WHERE wrapped_key IS NOT NULL AND kek_id <> ?""", Long.class,
                keks.currentKekId());
        boolean retirable = epochs().stream().anyMatch(e -> e.retiredAt() == null
                && !e.kekId().equals(keks.currentKekId()));
        if ((stale != null && stale > 0) || retirable) {
            try {
                return Optional.of(rotations.start("scheduled"));
            } catch (KeyRotations.RotationAlreadyRunning e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * Destroys every retired KEK version whose backup-retention period has passed; returns their ids. Under the
     * cluster-wide {@link EpochLock}: one node destroys a version, once (one ledger entry, one chained record).
     */
    public synchronized List<String> destroyDue() {
        refreshKeks();
        return lock.tryRun(() -> {
            refreshKeks();
            return destroyDueLocked();
        }).orElse(List.of());
    }

    private List<String> destroyDueLocked() {
        Instant now = clock.instant();
        List<String> destroyed = new ArrayList<>();
        for (Epoch epoch : epochs()) {
            if (epoch.destroyedAt() != null || epoch.destroyAfter() == null || now.isBefore(epoch.destroyAfter())
                    || epoch.kekId().equals(keks.currentKekId())) {
                continue;
            }
            Long live = jdbc.queryForObject("""
                    SELECT count(*) FROM vault.data_key WHERE wrapped_key IS NOT NULL AND kek_id = ?""", Long.class,
                    epoch.kekId());
            if (live != null && live > 0) {
                LOG.error("KEK '{}' is due for destruction but {} live data keys are still wrapped under it; run a"
                        + " key rotation", epoch.kekId(), live);
                continue;
            }
            ledger.append(List.of(ErasureLedger.Entry.kek(now, epoch.kekId())));
            long sequence = ledger.head().sequence();
            if (keks.heldKekIds().contains(epoch.kekId())) {
                keks.destroy(epoch.kekId());
            }
            recordDestroyed(epoch, now, sequence);
            destroyed.add(epoch.kekId());
            LOG.info("KEK '{}' destroyed (retired {}, backup retention {})", epoch.kekId(), epoch.retiredAt(),
                    properties.backupRetention());
        }
        return destroyed;
    }

    /** Marks an epoch destroyed and appends its entry to the chained stream; idempotent. */
    void recordDestroyed(Epoch epoch, Instant at, long ledgerSequence) {
        transactions.executeWithoutResult(status -> {
            int updated = jdbc.update("""
                    UPDATE vault.kek_epoch SET destroyed_at = ?,
                        retired_at = coalesce(retired_at, ?), destroy_after = coalesce(destroy_after, ?)
                    WHERE kek_id = ? AND destroyed_at IS NULL""",
                    Timestamp.from(at), Timestamp.from(at), Timestamp.from(at), epoch.kekId());
            if (updated == 1) {
                jdbc.update("""
                        INSERT INTO audit.kek_destruction (kek_id, retired_at, destroy_after, destroyed_at, ledger_seq)
                        VALUES (?, ?, ?, ?, ?)""", epoch.kekId(), timestamp(epoch.retiredAt()),
                        timestamp(epoch.destroyAfter()), Timestamp.from(at), ledgerSequence);
            }
        });
    }

    /** Horizons per KEK id: the latest (planned or actual) destruction among that epoch and every older one. */
    public Map<String, Horizon> horizons() {
        Map<String, Horizon> horizons = new LinkedHashMap<>();
        Instant latest = null;
        boolean allDestroyed = true;
        for (Epoch epoch : epochs()) {
            Instant destruction = plannedDestruction(epoch);
            latest = latest == null || destruction.isAfter(latest) ? destruction : latest;
            allDestroyed &= epoch.destroyedAt() != null;
            horizons.put(epoch.kekId(), new Horizon(epoch.kekId(), latest, allDestroyed));
        }
        return horizons;
    }

    /** KEK versions still held after their destruction date, or destroyed and still held. */
    public List<Overdue> overdue() {
        refreshKeks();
        Instant now = clock.instant();
        List<Overdue> overdue = new ArrayList<>();
        for (Epoch epoch : epochs()) {
            Instant planned = plannedDestruction(epoch);
            if (epoch.destroyedAt() == null && planned.isBefore(now)) {
                overdue.add(new Overdue(epoch.kekId(), planned, epoch.retiredAt() == null
                        ? "not rotated away from on schedule" : "retired but not destroyed"));
            } else if (epoch.destroyedAt() != null && keks.heldKekIds().contains(epoch.kekId())) {
                overdue.add(new Overdue(epoch.kekId(), epoch.destroyedAt(), "destroyed but still held"));
            }
        }
        return overdue;
    }

    private void refreshKeks() {
        if (keks instanceof RotatableKeyEncryptionKeys shared) {
            shared.refresh();
        }
    }

    /** Actual destruction, else the planned one: retirement + retention, else activation + interval + retention. */
    Instant plannedDestruction(Epoch epoch) {
        if (epoch.destroyedAt() != null) {
            return epoch.destroyedAt();
        }
        if (epoch.destroyAfter() != null) {
            return epoch.destroyAfter();
        }
        return plus(plus(epoch.activatedAt(), properties.interval()), properties.backupRetention());
    }

    Optional<Epoch> epoch(String kekId) {
        return epochs().stream().filter(e -> e.kekId().equals(kekId)).findFirst();
    }

    private static Instant plus(Instant instant, Period period) {
        return instant.atOffset(ZoneOffset.UTC).plus(period).toInstant();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
