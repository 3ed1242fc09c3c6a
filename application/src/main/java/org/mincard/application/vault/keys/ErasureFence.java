package org.mincard.application.vault.keys;

import org.mincard.application.vault.ErasureLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
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
 */
class ErasureFence implements SmartInitializingSingleton {

    private static final Logger LOG = LoggerFactory.getLogger(ErasureFence.class);
    private static final int BATCH = 1_000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ErasureLedger ledger;
    private final DataKeys dataKeys;
    private final KeyEncryptionKeys keks;
    private final KekEpochs epochs;
    private final Clock clock;

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
        Set<String> destroyedKeks = new TreeSet<>();
        long[] sequence = {0};
        List<ErasureLedger.Entry> batch = new ArrayList<>(BATCH);
        List<ErasureLedger.Entry> replayed = new ArrayList<>();
        Map<String, Long> kekSequences = new HashMap<>();
        ledger.forEach(entry -> {
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
        if (!replayed.isEmpty()) {
            LOG.warn("Erasure fence: {} data keys that the erasure ledger records as destroyed were live in the"
                    + " database (a backup from before their purge was restored); destroyed them again and recorded"
                    + " it in audit.erasure_replay", replayed.size());
        } else {
            LOG.info("Erasure fence: database agrees with the erasure ledger ({} entries)", sequence[0]);
        }
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
