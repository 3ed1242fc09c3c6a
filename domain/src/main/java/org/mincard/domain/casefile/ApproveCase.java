package org.mincard.domain.casefile;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** Approves the application. */
public record ApproveCase(
        @TargetAggregateIdentifier UUID caseId,
        Instant approvedAt) implements CaseFileCommand {

    public ApproveCase {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(approvedAt, "approvedAt");
    }
}
