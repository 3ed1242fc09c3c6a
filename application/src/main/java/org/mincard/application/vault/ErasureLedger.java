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

    /**
     * The entries after {@code from}, oldest first, checking that the entry at {@code from} is still there with that
     * hash and that the chain links on from it; returns the mark of the last entry. Fails with {@link MarkMismatch}
     * when the ledger no longer holds that entry (cut short, replaced or edited). {@link Mark#START} reads every
     * entry. This default reads every entry (a store without random access); the file ledger reads only the tail.
     */
    default Mark forEachAfter(Mark from, Consumer<Entry> action) {
        forEach(action);
        Head head = head();
        return new Mark(head.sequence(), head.hash(), -1);
    }

    /** Where the ledger lives, for logs and the runbook (a path or a store's name; never a secret). */
    String location();

    /** The head: how many entries and the last entry's SHA-256 (hex). */
    record Head(long sequence, String hash) {
    }

    /**
     * A place in the ledger: entry {@code sequence} with hash {@code hash}, which starts at {@code offset} in the
     * store (the file ledger: a byte offset; -1 when the store has no such position).
     */
    record Mark(long sequence, String hash, long offset) {

        /** Before the first entry. */
        public static final Mark START = new Mark(0, "0".repeat(64), 0);
    }

    /** The ledger no longer holds the entry a mark names: it was cut short, replaced or edited. */
    class MarkMismatch extends IllegalStateException {
        public MarkMismatch(String message) {
            super(message);
        }
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
