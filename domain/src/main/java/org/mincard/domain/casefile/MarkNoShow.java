package org.mincard.domain.casefile;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** The applicant did not come to the appointment. */
public record MarkNoShow(
        @TargetAggregateIdentifier UUID caseId,
        Instant recordedAt) implements CaseFileCommand {

    public MarkNoShow {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(recordedAt, "recordedAt");
    }
}
