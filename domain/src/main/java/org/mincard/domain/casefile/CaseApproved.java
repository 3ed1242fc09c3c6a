package org.mincard.domain.casefile;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** The application was approved. */
@Revision("1")
public record CaseApproved(
        UUID caseId,
        Instant approvedAt) implements CaseFileEvent {

    public CaseApproved {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(approvedAt, "approvedAt");
    }

    @Override
    public Instant occurredAt() {
        return approvedAt;
    }
}
