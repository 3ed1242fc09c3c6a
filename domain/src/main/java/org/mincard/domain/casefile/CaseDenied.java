package org.mincard.domain.casefile;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** The application was denied with a reason code; it may be appealed until the deadline. */
@Revision("1")
public record CaseDenied(
        UUID caseId,
        DenialReason reason,
        Instant deniedAt,
        Instant appealDeadline) implements CaseFileEvent {

    public CaseDenied {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(deniedAt, "deniedAt");
        Objects.requireNonNull(appealDeadline, "appealDeadline");
    }

    @Override
    public Instant occurredAt() {
        return deniedAt;
    }
}
