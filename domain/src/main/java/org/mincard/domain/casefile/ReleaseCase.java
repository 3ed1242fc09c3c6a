package org.mincard.domain.casefile;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** The assignee (or a supervisor) gives a case back to its queue, unassigned. */
public record ReleaseCase(
        @TargetAggregateIdentifier UUID caseId,
        Instant releasedAt) implements CaseFileCommand {

    public ReleaseCase {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(releasedAt, "releasedAt");
    }
}
