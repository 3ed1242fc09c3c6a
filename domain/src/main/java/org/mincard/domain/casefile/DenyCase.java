package org.mincard.domain.casefile;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** Denies the application with a reason code; the appeal deadline comes from the program's configuration. */
public record DenyCase(
        @TargetAggregateIdentifier UUID caseId,
        DenialReason reason,
        Instant deniedAt,
        Instant appealDeadline) implements CaseFileCommand {

    public DenyCase {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(deniedAt, "deniedAt");
        Objects.requireNonNull(appealDeadline, "appealDeadline");
    }
}
