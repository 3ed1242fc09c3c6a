package org.mincard.domain.casefile;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A clerk (or supervisor) takes an unassigned case of their site into their own work. */
public record ClaimCase(
        @TargetAggregateIdentifier UUID caseId,
        Instant claimedAt) implements CaseFileCommand {

    public ClaimCase {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(claimedAt, "claimedAt");
    }
}
