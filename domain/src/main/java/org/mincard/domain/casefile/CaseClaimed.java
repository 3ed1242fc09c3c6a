package org.mincard.domain.casefile;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A clerk took the case into their own work; clerkId is the identity provider's opaque user id. */
@Revision("1")
public record CaseClaimed(
        UUID caseId,
        String clerkId,
        Instant claimedAt) implements CaseFileEvent {

    public CaseClaimed {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(clerkId, "clerkId");
        Objects.requireNonNull(claimedAt, "claimedAt");
    }

    @Override
    public Instant occurredAt() {
        return claimedAt;
    }
}
