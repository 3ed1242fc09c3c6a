package org.mincard.domain.casefile;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A supervisor sends an escalated case back to the clerk's review. */
public record ReturnFromEscalation(
        @TargetAggregateIdentifier UUID caseId,
        Instant returnedAt) implements CaseFileCommand {

    public ReturnFromEscalation {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(returnedAt, "returnedAt");
    }
}
