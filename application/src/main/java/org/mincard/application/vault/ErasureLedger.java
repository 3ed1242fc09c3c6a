package org.mincard.application.vault;

import org.mincard.domain.personaldata.DataClass;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The record of every key destroyed, kept outside the database so that restoring a database backup cannot undo a
 * purge: at start-up the erasure fence destroys again every data key the ledger names that the database holds live.
 * Append-only and hash-chained (each entry's hash covers the previous hash). The file implementation is the default;
 * a city may implement this over its secret store or HSM instead (ADR 0010).
 */
public interface ErasureLedger {

    /** Appends the entries, durably (flushed to the device) before returning, in the order given. */
    void append(List<Entry> entries);

    /** The newest entry's sequence number and hash (sequence 0 and the zero hash when empty). */
    Head head();

    /** Every entry, oldest first, after checking the chain; fails if it is broken. */
    void forEach(Consumer<Entry> action);

    /** Where the ledger lives, for logs and the runbook (a path or a store's name; never a secret). */
    String location();

    /** The head: how many entries and the last entry's SHA-256 (hex). */
    record Head(long sequence, String hash) {
    }

    enum Kind {
        /** A data key (subject, class, version) destroyed by a purge. */
        DATA_KEY,
        /** A key-encryption key version destroyed at the end of its epoch. */
        KEK
    }

    /**
     * One destruction: ids, codes and times only, never personal data. For {@link Kind#DATA_KEY}: subject, class,
     * key version, the KEK that wrapped it, and the purge (sweep and rule). For {@link Kind#KEK}: the KEK id only.
     */
    record Entry(Kind kind, Instant at, UUID subjectId, DataClass dataClass, int keyVersion, String kekId,
                 UUID sweepId, String ruleId) {

        public Entry {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(kekId, "kekId");
            if (kind == Kind.DATA_KEY) {
                Objects.requireNonNull(subjectId, "subjectId");
                Objects.requireNonNull(dataClass, "dataClass");
            }
        }

        public static Entry dataKey(Instant at, UUID subjectId, DataClass dataClass, int keyVersion, String kekId,
                                    UUID sweepId, String ruleId) {
            return new Entry(Kind.DATA_KEY, at, subjectId, dataClass, keyVersion, kekId, sweepId, ruleId);
        }

        public static Entry kek(Instant at, String kekId) {
            return new Entry(Kind.KEK, at, null, null, 0, kekId, null, null);
        }
    }
}
