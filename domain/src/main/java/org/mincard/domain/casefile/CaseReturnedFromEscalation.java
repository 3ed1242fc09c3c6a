package org.mincard.domain.casefile;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A supervisor returned the case to the clerk's review. */
@Revision("1")
public record CaseReturnedFromEscalation(
        UUID caseId,
        Instant returnedAt) implements CaseFileEvent {

    public CaseReturnedFromEscalation {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(returnedAt, "returnedAt");
    }

    @Override
    public Instant occurredAt() {
        return returnedAt;
    }
}
