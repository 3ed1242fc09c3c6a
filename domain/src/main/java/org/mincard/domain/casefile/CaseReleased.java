package org.mincard.domain.casefile;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** The case went back to its queue unassigned; clerkId names who held it until then. */
@Revision("1")
public record CaseReleased(
        UUID caseId,
        String clerkId,
        Instant releasedAt) implements CaseFileEvent {

    public CaseReleased {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(clerkId, "clerkId");
        Objects.requireNonNull(releasedAt, "releasedAt");
    }

    @Override
    public Instant occurredAt() {
        return releasedAt;
    }
}
