package org.mincard.domain.casefile;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** The applicant withdrew the application. */
@Revision("1")
public record CaseWithdrawn(
        UUID caseId,
        Instant withdrawnAt) implements CaseFileEvent {

    public CaseWithdrawn {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(withdrawnAt, "withdrawnAt");
    }

    @Override
    public Instant occurredAt() {
        return withdrawnAt;
    }
}
