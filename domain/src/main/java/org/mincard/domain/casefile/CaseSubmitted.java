package org.mincard.domain.casefile;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A resident's application was accepted as a new case at a service site. */
@Revision("1")
public record CaseSubmitted(
        UUID caseId,
        CaseType type,
        UUID siteId,
        Instant submittedAt) implements CaseFileEvent {

    public CaseSubmitted {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(siteId, "siteId");
        Objects.requireNonNull(submittedAt, "submittedAt");
    }
}
