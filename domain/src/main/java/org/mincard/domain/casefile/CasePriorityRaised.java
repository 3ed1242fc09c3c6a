package org.mincard.domain.casefile;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A supervisor raised the case's priority to the given level. */
@Revision("1")
public record CasePriorityRaised(
        UUID caseId,
        Priority priority,
        Instant raisedAt) implements CaseFileEvent {

    public CasePriorityRaised {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(raisedAt, "raisedAt");
    }

    @Override
    public Instant occurredAt() {
        return raisedAt;
    }
}
