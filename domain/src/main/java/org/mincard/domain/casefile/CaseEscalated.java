package org.mincard.domain.casefile;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A clerk escalated the case to supervisor review. */
@Revision("1")
public record CaseEscalated(
        UUID caseId,
        EscalationReason reason,
        Instant escalatedAt) implements CaseFileEvent {

    public CaseEscalated {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(escalatedAt, "escalatedAt");
    }

    @Override
    public Instant occurredAt() {
        return escalatedAt;
    }
}
