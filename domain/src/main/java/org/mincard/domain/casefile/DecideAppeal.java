package org.mincard.domain.casefile;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A supervisor grants or upholds an appeal. */
public record DecideAppeal(
        @TargetAggregateIdentifier UUID caseId,
        boolean granted,
        Instant decidedAt) implements CaseFileCommand {

    public DecideAppeal {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(decidedAt, "decidedAt");
    }
}
