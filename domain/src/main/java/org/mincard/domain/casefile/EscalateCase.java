package org.mincard.domain.casefile;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** Asks a supervisor to review the case. */
public record EscalateCase(
        @TargetAggregateIdentifier UUID caseId,
        EscalationReason reason,
        Instant escalatedAt) implements CaseFileCommand {

    public EscalateCase {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(escalatedAt, "escalatedAt");
    }
}
