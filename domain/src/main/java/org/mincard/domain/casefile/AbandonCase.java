package org.mincard.domain.casefile;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** The applicant stopped responding, or never collected the card. */
public record AbandonCase(
        @TargetAggregateIdentifier UUID caseId,
        Instant abandonedAt) implements CaseFileCommand {

    public AbandonCase {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(abandonedAt, "abandonedAt");
    }
}
