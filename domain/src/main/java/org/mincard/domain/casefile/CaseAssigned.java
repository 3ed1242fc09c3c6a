package org.mincard.domain.casefile;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A supervisor assigned the case to a clerk; previousClerkId is set when it was reassigned from another. */
@Revision("1")
public record CaseAssigned(
        UUID caseId,
        String clerkId,
        String previousClerkId,
        Instant assignedAt) implements CaseFileEvent {

    public CaseAssigned {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(clerkId, "clerkId");
        Objects.requireNonNull(assignedAt, "assignedAt");
    }

    @Override
    public Instant occurredAt() {
        return assignedAt;
    }
}
