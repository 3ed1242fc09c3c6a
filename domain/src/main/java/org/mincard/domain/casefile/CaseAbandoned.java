package org.mincard.domain.casefile;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** The applicant stopped responding or never collected the card. */
@Revision("1")
public record CaseAbandoned(
        UUID caseId,
        Instant abandonedAt) implements CaseFileEvent {

    public CaseAbandoned {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(abandonedAt, "abandonedAt");
    }

    @Override
    public Instant occurredAt() {
        return abandonedAt;
    }
}
