package org.mincard.domain.casefile;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** The appeal was granted; the case is approved. */
@Revision("1")
public record AppealGranted(
        UUID caseId,
        Instant decidedAt) implements CaseFileEvent {

    public AppealGranted {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(decidedAt, "decidedAt");
    }

    @Override
    public Instant occurredAt() {
        return decidedAt;
    }
}
