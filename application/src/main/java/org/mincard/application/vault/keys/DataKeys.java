package org.mincard.application.vault.keys;

import org.mincard.application.vault.ErasureLedger;
import org.mincard.application.vault.KeyDestruction;
import org.mincard.application.vault.PurgeReference;
import org.mincard.domain.personaldata.DataClass;
import org.mincard.domain.personaldata.KeyReference;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The data-key store: one AES-256 key per (subject, data class, key version), kept in {@code vault.data_key} wrapped
 * under a key-encryption key. Retention destroys keys here; the vault's sealer and gate obtain keys here.
 *
 * <p>Every lookup reads the row, so a key destroyed by any node is refused by every node; only the unwrap is cached.
 *
 * <p>Every destruction is written to the {@link ErasureLedger} (outside the database) after the rows are updated and
 * locked and before the transaction commits: no destruction becomes durable without its ledger entry, so restoring
 * an older database cannot bring a destroyed key back for good (the erasure fence destroys it again at start-up).
 */
public class DataKeys {

    private static final int MAX_CREATE_ATTEMPTS = 5;

    private final JdbcTemplate jdbc;
    private final KeyEncryptionKeys keks;
    private final DataKeyCache cache;
    private final Clock clock;
    private final ErasureLedger ledger;
    private final SecureRandom random = new SecureRandom();

    DataKeys(JdbcTemplate jdbc, KeyEncryptionKeys keks, DataKeyCache cache, Clock clock, ErasureLedger ledger) {
        this.jdbc = jdbc;
        this.keks = keks;
        this.cache = cache;
        this.clock = clock;
        this.ledger = ledger;
    }

    /**
     * The live key that seals new values of this subject and class: the newest version if it is live, otherwise a
     * new version one above the newest, so a key destroyed by a purge is never used again.
     */
    public SealingKey keyForSealing(UUID subjectId, DataClass dataClass) {
        Objects.requireNonNull(subjectId, "subjectId");
        Objects.requireNonNull(dataClass, "dataClass");
        for (int attempt = 0; attempt < MAX_CREATE_ATTEMPTS; attempt++) {
            List<Row> newest = jdbc.query("""
                            SELECT key_version, kek_id, wrapped_key FROM vault.data_key
                            WHERE subject_id = ? AND data_class = ? ORDER BY key_version DESC LIMIT 1""",
                    (rs, i) -> new Row(new KeyReference(subjectId, dataClass, rs.getInt(1)),
                            rs.getString(2), rs.getBytes(3)),
                    subjectId, dataClass.name());
            if (!newest.isEmpty() && newest.get(0).isLive()) {
                Row row = newest.get(0);
                return new SealingKey(row.reference(), unwrap(row));
            }
            int version = newest.isEmpty() ? 1 : newest.get(0).reference().keyVersion() + 1;
            SealingKey created = create(new KeyReference(subjectId, dataClass, version));
            if (created != null) {
                return created;
            }
        }
        throw new IllegalStateException("could not create a data key after " + MAX_CREATE_ATTEMPTS
                + " attempts under concurrent writers");
    }

    /** A first data key made in memory by {@link #prepareFirstKeys}, stored by {@link #storeFirstKeys}. */
    public record FirstKey(SealingKey key, String kekId, byte[] wrappedKey) {

        @Override
        public String toString() {
            return "FirstKey[" + key.reference() + "]";
        }
    }

    /**
     * First keys (version 1) for subjects that have none yet (bulk imports, whose subjects are new ids), made and
     * wrapped in memory. Nothing is written: the caller stores the keys of the values it keeps with
     * {@link #storeFirstKeys}, in the transaction that appends them.
     */
    public List<FirstKey> prepareFirstKeys(List<KeyReference> references) {
        List<FirstKey> prepared = new ArrayList<>(references.size());
        byte[] key = new byte[32];
        try {
            for (KeyReference reference : references) {
                if (reference.keyVersion() != 1) {
                    throw new IllegalArgumentException("only first keys (version 1) are made in bulk");
                }
                random.nextBytes(key);
                WrappedKey wrapped = keks.wrap(key, associatedData(reference));
                prepared.add(new FirstKey(new SealingKey(reference, new SecretKeySpec(key, "AES")), wrapped.kekId(),
                        wrapped.bytes()));
            }
        } finally {
            Arrays.fill(key, (byte) 0);
        }
        return prepared;
    }

    /**
     * Stores prepared first keys in one batch in the caller's transaction. A subject that already has a key of that
     * class fails the whole batch (unique key) rather than getting a second live key.
     */
    public void storeFirstKeys(List<FirstKey> keys) {
        if (keys.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(clock.instant());
        List<Object[]> rows = new ArrayList<>(keys.size());
        for (FirstKey key : keys) {
            KeyReference reference = key.key().reference();
            rows.add(new Object[] {reference.subjectId(), reference.dataClass().name(), reference.keyVersion(),
                    key.kekId(), key.wrappedKey(), now});
        }
        jdbc.batchUpdate("""
                INSERT INTO vault.data_key (subject_id, data_class, key_version, kek_id, wrapped_key, created_at)
                VALUES (?, ?, ?, ?, ?, ?)""", rows);
    }

    /** The state of each referenced key, read in one query; each key is unwrapped at most once. */
    public Map<KeyReference, KeyState> keysForUnsealing(Collection<KeyReference> references) {
        List<KeyReference> distinct = new ArrayList<>(new LinkedHashSet<>(references));
        Map<KeyReference, KeyState> states = new HashMap<>();
        if (distinct.isEmpty()) {
            return states;
        }
        for (Row row : rows(distinct)) {
            states.put(row.reference(), row.isLive() ? new KeyState.Live(unwrap(row)) : new KeyState.Destroyed());
        }
        for (KeyReference reference : distinct) {
            states.putIfAbsent(reference, new KeyState.Unknown());
        }
        return states;
    }

    /** The data classes of which some key of this subject was destroyed (a purge left a tombstone). */
    public Set<DataClass> destroyedClasses(UUID subjectId) {
        return jdbc.queryForList(
                "SELECT DISTINCT data_class FROM vault.data_key WHERE subject_id = ? AND destroyed_at IS NOT NULL",
                String.class, subjectId).stream().map(DataClass::valueOf)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(DataClass.class)));
    }

    /**
     * Destroys every live key of this subject and class: erases the wrapped key and leaves a tombstone naming the
     * purge. Idempotent: keys already destroyed keep their first tombstone. Returns how many keys this call destroyed.
     */
    public int destroyKeys(UUID subjectId, DataClass dataClass, PurgeReference purge) {
        Objects.requireNonNull(purge, "purge");
        return destroyKeys(List.of(new KeyDestruction(subjectId, dataClass, purge)));
    }

    /**
     * {@link #destroyKeys(UUID, DataClass, PurgeReference)} for many (subject, class) pairs in one statement, for
     * retention sweeps that purge thousands of items per transaction. Idempotent in the same way. Returns how many
     * keys this call destroyed.
     */
    public int destroyKeys(List<KeyDestruction> destructions) {
        if (destructions.isEmpty()) {
            return 0;
        }
        Instant at = clock.instant();
        Timestamp now = Timestamp.from(at);
        List<ErasureLedger.Entry> destroyed = jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement("""
                    UPDATE vault.data_key k
                    SET wrapped_key = NULL, destroyed_at = ?, purge_sweep_id = d.sweep_id, purge_rule_id = d.rule_id
                    FROM unnest(?::uuid[], ?::varchar[], ?::uuid[], ?::varchar[])
                         AS d(subject_id, data_class, sweep_id, rule_id)
                    WHERE k.subject_id = d.subject_id AND k.data_class = d.data_class AND k.wrapped_key IS NOT NULL
                    RETURNING k.subject_id, k.data_class, k.key_version, k.kek_id, k.purge_sweep_id,
                              k.purge_rule_id""");
            statement.setTimestamp(1, now);
            statement.setArray(2, connection.createArrayOf("uuid",
                    destructions.stream().map(KeyDestruction::subjectId).toArray()));
            statement.setArray(3, connection.createArrayOf("varchar",
                    destructions.stream().map(d -> d.dataClass().name()).toArray()));
            statement.setArray(4, connection.createArrayOf("uuid",
                    destructions.stream().map(d -> d.purge().sweepId()).toArray()));
            statement.setArray(5, connection.createArrayOf("varchar",
                    destructions.stream().map(d -> d.purge().ruleId()).toArray()));
            return statement;
        }, (rs, i) -> ErasureLedger.Entry.dataKey(at, rs.getObject(1, UUID.class), DataClass.valueOf(rs.getString(2)),
                rs.getInt(3), rs.getString(4), rs.getObject(5, UUID.class), rs.getString(6)));
        ledger.append(destroyed);
        destroyed.forEach(entry -> cache.evict(reference(entry)));
        return destroyed.size();
    }

    /**
     * Destroys again the keys named by ledger entries that are live in the database (a backup from before their purge
     * was restored), keeping the purge's sweep and rule on the tombstone. Writes nothing to the ledger: the entries
     * are there already. Returns the entries whose key was live.
     */
    List<ErasureLedger.Entry> destroyAgain(List<ErasureLedger.Entry> entries) {
        if (entries.isEmpty()) {
            return List.of();
        }
        Timestamp now = Timestamp.from(clock.instant());
        List<KeyReference> destroyed = jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement("""
                    UPDATE vault.data_key k
                    SET wrapped_key = NULL, destroyed_at = ?, purge_sweep_id = d.sweep_id, purge_rule_id = d.rule_id
                    FROM unnest(?::uuid[], ?::varchar[], ?::int[], ?::uuid[], ?::varchar[])
                         AS d(subject_id, data_class, key_version, sweep_id, rule_id)
                    WHERE k.subject_id = d.subject_id AND k.data_class = d.data_class
                      AND k.key_version = d.key_version AND k.wrapped_key IS NOT NULL
                    RETURNING k.subject_id, k.data_class, k.key_version""");
            statement.setTimestamp(1, now);
            statement.setArray(2, connection.createArrayOf("uuid",
                    entries.stream().map(ErasureLedger.Entry::subjectId).toArray()));
            statement.setArray(3, connection.createArrayOf("varchar",
                    entries.stream().map(e -> e.dataClass().name()).toArray()));
            statement.setArray(4, connection.createArrayOf("int4",
                    entries.stream().map(ErasureLedger.Entry::keyVersion).toArray()));
            statement.setArray(5, connection.createArrayOf("uuid",
                    entries.stream().map(ErasureLedger.Entry::sweepId).toArray()));
            statement.setArray(6, connection.createArrayOf("varchar",
                    entries.stream().map(ErasureLedger.Entry::ruleId).toArray()));
            return statement;
        }, (rs, i) -> new KeyReference(rs.getObject(1, UUID.class), DataClass.valueOf(rs.getString(2)),
                rs.getInt(3)));
        destroyed.forEach(cache::evict);
        Set<KeyReference> hit = new HashSet<>(destroyed);
        return entries.stream().filter(entry -> hit.contains(reference(entry))).toList();
    }

    private static KeyReference reference(ErasureLedger.Entry entry) {
        return new KeyReference(entry.subjectId(), entry.dataClass(), entry.keyVersion());
    }

    /** The bytes bound to a wrapped data key, so that it cannot be moved to another subject, class or version. */
    static byte[] associatedData(KeyReference reference) {
        return ("mincard:data-key:v1|" + reference.subjectId() + "|" + reference.dataClass() + "|"
                + reference.keyVersion()).getBytes(StandardCharsets.UTF_8);
    }

    private SealingKey create(KeyReference reference) {
        byte[] key = new byte[32];
        random.nextBytes(key);
        try {
            WrappedKey wrapped = keks.wrap(key, associatedData(reference));
            int inserted = jdbc.update("""
                            INSERT INTO vault.data_key (subject_id, data_class, key_version, kek_id, wrapped_key, created_at)
                            VALUES (?, ?, ?, ?, ?, ?)
                            ON CONFLICT (subject_id, data_class, key_version) DO NOTHING""",
                    reference.subjectId(), reference.dataClass().name(), reference.keyVersion(),
                    wrapped.kekId(), wrapped.bytes(), Timestamp.from(clock.instant()));
            if (inserted == 0) {
                return null;
            }
            SecretKey secret = new SecretKeySpec(key, "AES");
            cache.put(reference, wrapped.kekId(), secret);
            return new SealingKey(reference, secret);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private List<Row> rows(List<KeyReference> references) {
        return jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement("""
                    SELECT k.subject_id, k.data_class, k.key_version, k.kek_id, k.wrapped_key
                    FROM vault.data_key k
                    JOIN unnest(?::uuid[], ?::varchar[], ?::int[]) AS r(subject_id, data_class, key_version)
                      ON k.subject_id = r.subject_id AND k.data_class = r.data_class
                     AND k.key_version = r.key_version""");
            Array subjects = connection.createArrayOf("uuid",
                    references.stream().map(KeyReference::subjectId).toArray());
            Array classes = connection.createArrayOf("varchar",
                    references.stream().map(r -> r.dataClass().name()).toArray());
            Array versions = connection.createArrayOf("int4",
                    references.stream().map(KeyReference::keyVersion).toArray());
            statement.setArray(1, subjects);
            statement.setArray(2, classes);
            statement.setArray(3, versions);
            return statement;
        }, (rs, i) -> new Row(new KeyReference(rs.getObject(1, UUID.class), DataClass.valueOf(rs.getString(2)),
                rs.getInt(3)), rs.getString(4), rs.getBytes(5)));
    }

    private SecretKey unwrap(Row row) {
        SecretKey cached = cache.get(row.reference(), row.kekId());
        if (cached != null) {
            return cached;
        }
        byte[] key = keks.unwrap(new WrappedKey(row.kekId(), row.wrappedKey()), associatedData(row.reference()));
        try {
            SecretKey secret = new SecretKeySpec(key, "AES");
            cache.put(row.reference(), row.kekId(), secret);
            return secret;
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private record Row(KeyReference reference, String kekId, byte[] wrappedKey) {
        boolean isLive() {
            return wrappedKey != null;
        }
    }
}
