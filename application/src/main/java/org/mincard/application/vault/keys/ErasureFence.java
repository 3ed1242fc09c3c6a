package org.mincard.application.vault.keys;

import org.mincard.application.vault.ErasureLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Restore replay (ADR 0010). Runs once at start-up, after the database is migrated and before anything starts
 * (the web server, event processors and schedules start later, as lifecycle beans): compares the database with the
 * erasure ledger kept outside it, and
 * <ol>
 * <li>refuses to start while a KEK version that the ledger or the database records as destroyed is held again
 *     (a restored key file or a configured value nobody removed);</li>
 * <li>destroys again every data key the ledger records as destroyed that the database holds live (a backup from
 *     before the purge was restored), recording each in the chained stream {@code erasure-replays};</li>
 * <li>marks KEK epochs destroyed that the ledger records as destroyed but the restored database does not.</li>
 * </ol>
 * It reads the ledger only after the mark it stored in this database at the previous start (ADR 0017): a restored
 * backup carries its own older mark, so the entries since that backup are read; a mark that does not open under its
 * KEK (edited, or its KEK destroyed since) makes it read the whole ledger; a ledger that no longer holds the marked
 * entry stops the start.
 */
class ErasureFence implements SmartInitializingSingleton {

    private static final Logger LOG = LoggerFactory.getLogger(ErasureFence.class);
    private static final int BATCH = 1_000;
    private static final byte[] SEAL = new byte[16];

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ErasureLedger ledger;
    private final DataKeys dataKeys;
    private final KeyEncryptionKeys keks;
    private final KekEpochs epochs;
    private final Clock clock;
    private volatile ErasureLedger.Mark verifiedFrom;

    ErasureFence(JdbcTemplate jdbc, TransactionTemplate transactions, ErasureLedger ledger, DataKeys dataKeys,
                 KeyEncryptionKeys keks, KekEpochs epochs, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.ledger = ledger;
        this.dataKeys = dataKeys;
        this.keks = keks;
        this.epochs = epochs;
        this.clock = clock;
    }

    @Override
    public void afterSingletonsInstantiated() {
        ErasureLedger.Mark from = storedMark();
        Set<String> destroyedKeks = new TreeSet<>();
        long[] sequence = {from.sequence()};
        List<ErasureLedger.Entry> batch = new ArrayList<>(BATCH);
        List<ErasureLedger.Entry> replayed = new ArrayList<>();
        Map<String, Long> kekSequences = new HashMap<>();
        ErasureLedger.Mark end = ledger.forEachAfter(from, entry -> {
            sequence[0]++;
            if (entry.kind() == ErasureLedger.Kind.KEK) {
                destroyedKeks.add(entry.kekId());
                kekSequences.put(entry.kekId(), sequence[0]);
                return;
            }
            batch.add(entry);
            if (batch.size() == BATCH) {
                replayed.addAll(destroyAgain(batch));
                batch.clear();
            }
        });
        replayed.addAll(destroyAgain(batch));
        destroyedKeks.addAll(jdbc.queryForList(
                "SELECT kek_id FROM vault.kek_epoch WHERE destroyed_at IS NOT NULL", String.class));
        Set<String> heldAgain = new TreeSet<>(keks.heldKekIds());
        heldAgain.retainAll(destroyedKeks);
        if (!heldAgain.isEmpty()) {
            throw new IllegalStateException("KEK versions " + heldAgain + " were destroyed (erasure ledger "
                    + ledger.location() + ") but are configured again; remove them (mincard.vault.kek.keys.<id>, or"
                    + " their .kek files) before starting: holding them would make purged data recoverable");
        }
        epochs.recordHeld();
        Set<String> known = new HashSet<>(jdbc.queryForList(
                "SELECT kek_id FROM vault.kek_epoch WHERE destroyed_at IS NULL", String.class));
        for (String kekId : destroyedKeks) {
            if (known.contains(kekId)) {
                epochs.epoch(kekId).ifPresent(epoch -> epochs.recordDestroyed(epoch, clock.instant(),
                        kekSequences.getOrDefault(kekId, 0L)));
            }
        }
        storeMark(end);
        verifiedFrom = from;
        if (!replayed.isEmpty()) {
            LOG.warn("Erasure fence: {} data keys that the erasure ledger records as destroyed were live in the"
                    + " database (a backup from before their purge was restored); destroyed them again and recorded"
                    + " it in audit.erasure_replay", replayed.size());
        } else {
            LOG.info("Erasure fence: database agrees with the erasure ledger ({} entries; read {} from entry {} on)",
                    end.sequence(), end.sequence() - from.sequence(), from.sequence() + 1);
        }
    }

    /**
     * When the fence started from a mark it did not read the entries before it: the whole chain is checked once after
     * start-up, in the background, so an entry edited before the mark is still found (logged as an error).
     */
    @EventListener(ApplicationReadyEvent.class)
    void checkWholeLedgerInBackground() {
        if (verifiedFrom == null || verifiedFrom.sequence() == 0) {
            return;
        }
        Thread check = new Thread(() -> {
            try {
                ledger.forEach(entry -> { });
                LOG.info("Erasure ledger {}: whole chain checked", ledger.location());
            } catch (RuntimeException e) {
                LOG.error("Erasure ledger {}: the chain is broken before the erasure fence's mark; restore the ledger"
                        + " from its copy (docs/runbook.md)", ledger.location(), e);
            }
        }, "erasure-ledger-check");
        check.setDaemon(true);
        check.start();
    }

    /** The mark this database was last verified to, if it opens under a KEK still held; else the ledger's start. */
    private ErasureLedger.Mark storedMark() {
        List<Object[]> rows = jdbc.query("""
                SELECT sequence, entry_hash, byte_offset, kek_id, seal FROM vault.erasure_fence_mark
                WHERE mark_id = 1""", (rs, i) -> new Object[]{new ErasureLedger.Mark(rs.getLong(1),
                rs.getString(2), rs.getLong(3)), rs.getString(4), rs.getBytes(5)});
        if (rows.isEmpty()) {
            return ErasureLedger.Mark.START;
        }
        ErasureLedger.Mark mark = (ErasureLedger.Mark) rows.get(0)[0];
        String kekId = (String) rows.get(0)[1];
        if (!keks.knows(kekId)) {
            LOG.info("Erasure fence: the stored mark was sealed under KEK '{}', which is no longer held; reading the"
                    + " whole ledger", kekId);
            return ErasureLedger.Mark.START;
        }
        try {
            byte[] opened = keks.unwrap(new WrappedKey(kekId, (byte[]) rows.get(0)[2]), sealed(mark));
            if (Arrays.equals(opened, SEAL)) {
                return mark;
            }
        } catch (RuntimeException e) {
            // falls through: not a seal of this mark
        }
        LOG.warn("Erasure fence: the stored mark (entry {}) does not match its seal: it was edited; reading the whole"
                + " ledger", mark.sequence());
        return ErasureLedger.Mark.START;
    }

    private void storeMark(ErasureLedger.Mark mark) {
        WrappedKey seal = keks.wrap(SEAL, sealed(mark));
        jdbc.update("""
                INSERT INTO vault.erasure_fence_mark (mark_id, sequence, entry_hash, byte_offset, kek_id, seal,
                    verified_at) VALUES (1, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (mark_id) DO UPDATE SET sequence = excluded.sequence, entry_hash = excluded.entry_hash,
                    byte_offset = excluded.byte_offset, kek_id = excluded.kek_id, seal = excluded.seal,
                    verified_at = excluded.verified_at""", mark.sequence(), mark.hash(), mark.offset(),
                seal.kekId(), seal.bytes(), Timestamp.from(clock.instant()));
    }

    /** What the seal binds: the mark's every field. */
    private static byte[] sealed(ErasureLedger.Mark mark) {
        return ("mincard:erasure-fence-mark:v1|" + mark.sequence() + "|" + mark.hash() + "|" + mark.offset())
                .getBytes(StandardCharsets.UTF_8);
    }

    private List<ErasureLedger.Entry> destroyAgain(List<ErasureLedger.Entry> entries) {
        if (entries.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        return transactions.execute(status -> {
            List<ErasureLedger.Entry> live = dataKeys.destroyAgain(entries);
            if (!live.isEmpty()) {
                jdbc.batchUpdate("""
                        INSERT INTO audit.erasure_replay (replayed_at, subject_id, data_class, key_version, kek_id,
                            sweep_id, destroyed_at) VALUES (?, ?, ?, ?, ?, ?, ?)""", live.stream().map(entry ->
                        new Object[]{Timestamp.from(now), entry.subjectId(), entry.dataClass().name(),
                                entry.keyVersion(), entry.kekId(), entry.sweepId(), Timestamp.from(entry.at())})
                        .toList());
            }
            return live;
        });
    }
}
