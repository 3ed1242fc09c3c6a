package org.mincard.domain.casefile;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** Records that the applicant arrived for the appointment. */
public record CheckInApplicant(
        @TargetAggregateIdentifier UUID caseId,
        Instant checkedInAt) implements CaseFileCommand {

    public CheckInApplicant {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(checkedInAt, "checkedInAt");
    }
}
