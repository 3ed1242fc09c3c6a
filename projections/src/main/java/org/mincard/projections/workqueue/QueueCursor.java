package org.mincard.projections.workqueue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A position in a queue's order (priority, then time in queue, then case id), for keyset pagination. Its text form
 * is opaque to clients; a page that starts after it never repeats or skips a case that stayed in the queue.
 */
public record QueueCursor(int priorityRank, Instant enteredAt, UUID caseId) {

    public QueueCursor {
        Objects.requireNonNull(enteredAt, "enteredAt");
        Objects.requireNonNull(caseId, "caseId");
    }

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                (priorityRank + "|" + enteredAt + "|" + caseId).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a client sent back, or nothing if it is not one of ours. */
    public static Optional<QueueCursor> decode(String text) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\\|");
            if (parts.length != 3) {
                return Optional.empty();
            }
            int rank = Integer.parseInt(parts[0]);
            if (rank < 0 || rank > 3) {
                return Optional.empty();
            }
            return Optional.of(new QueueCursor(rank, Instant.parse(parts[1]), UUID.fromString(parts[2])));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
