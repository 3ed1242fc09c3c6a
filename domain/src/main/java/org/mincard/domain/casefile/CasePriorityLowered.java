package org.mincard.domain.casefile;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A supervisor lowered the case's priority to the given level. */
@Revision("1")
public record CasePriorityLowered(
        UUID caseId,
        Priority priority,
        Instant loweredAt) implements CaseFileEvent {

    public CasePriorityLowered {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(loweredAt, "loweredAt");
    }

    @Override
    public Instant occurredAt() {
        return loweredAt;
    }
}
