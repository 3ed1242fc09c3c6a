package org.mincard.domain.casefile;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A supervisor assigns a case to a clerk, or reassigns it from another clerk. */
public record AssignCase(
        @TargetAggregateIdentifier UUID caseId,
        String clerkId,
        Instant assignedAt) implements CaseFileCommand {

    public AssignCase {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(clerkId, "clerkId");
        Objects.requireNonNull(assignedAt, "assignedAt");
        if (clerkId.isBlank()) {
            throw new IllegalArgumentException("clerkId must not be blank");
        }
    }
}
