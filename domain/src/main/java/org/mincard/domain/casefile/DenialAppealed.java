package org.mincard.domain.casefile;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** The applicant appealed the denial. */
@Revision("1")
public record DenialAppealed(
        UUID caseId,
        Instant appealedAt) implements CaseFileEvent {

    public DenialAppealed {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(appealedAt, "appealedAt");
    }

    @Override
    public Instant occurredAt() {
        return appealedAt;
    }
}
