package org.mincard.domain.casefile;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A supervisor sets how urgently a case should be worked. */
public record SetCasePriority(
        @TargetAggregateIdentifier UUID caseId,
        Priority priority,
        Instant changedAt) implements CaseFileCommand {

    public SetCasePriority {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(changedAt, "changedAt");
    }
}
