package org.mincard.domain.casefile;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** Staff cancel the case. */
public record CancelCase(
        @TargetAggregateIdentifier UUID caseId,
        CancellationReason reason,
        Instant cancelledAt) implements CaseFileCommand {

    public CancelCase {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(cancelledAt, "cancelledAt");
    }
}
