package org.mincard.domain.casefile;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** The applicant appeals a denial. */
public record AppealDenial(
        @TargetAggregateIdentifier UUID caseId,
        Instant appealedAt) implements CaseFileCommand {

    public AppealDenial {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(appealedAt, "appealedAt");
    }
}
