package org.mincard.application.oversight;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The signed statement "at this time, these chains had these heads". Serialized to JSON in component order; the
 * signature covers exactly the stored JSON text, which is what an auditor downloads and keeps.
 */
record Checkpoint(int format, UUID checkpointId, Instant takenAt, String keyId, List<Head> streams,
                  LedgerHead erasureLedger) {

    Checkpoint {
        Objects.requireNonNull(checkpointId, "checkpointId");
        Objects.requireNonNull(takenAt, "takenAt");
        streams = List.copyOf(streams);
    }

    /**
     * The erasure ledger's head (ADR 0010), kept outside the database: how many entries and the last one's hash.
     * Absent in format 1 checkpoints.
     */
    record LedgerHead(long sequence, String hash) {
    }

    /** One chain's head: how many links, the last linked row id and the last link's hash (hex). */
    record Head(String stream, long count, Long headRecordId, String headHash) {
    }

    Head head(String stream) {
        return streams.stream().filter(head -> head.stream().equals(stream)).findFirst().orElse(null);
    }
}
