package org.mincard.domain.casefile;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** Staff cancelled the case. */
@Revision("1")
public record CaseCancelled(
        UUID caseId,
        CancellationReason reason,
        Instant cancelledAt) implements CaseFileEvent {

    public CaseCancelled {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(cancelledAt, "cancelledAt");
    }

    @Override
    public Instant occurredAt() {
        return cancelledAt;
    }
}
