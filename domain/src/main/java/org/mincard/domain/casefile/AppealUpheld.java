package org.mincard.domain.casefile;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** The appeal was decided against the applicant; the denial stands. */
@Revision("1")
public record AppealUpheld(
        UUID caseId,
        Instant decidedAt) implements CaseFileEvent {

    public AppealUpheld {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(decidedAt, "decidedAt");
    }

    @Override
    public Instant occurredAt() {
        return decidedAt;
    }
}
