package org.mincard.domain.casefile;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** The applicant withdraws the application. */
public record WithdrawCase(
        @TargetAggregateIdentifier UUID caseId,
        Instant withdrawnAt) implements CaseFileCommand {

    public WithdrawCase {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(withdrawnAt, "withdrawnAt");
    }
}
