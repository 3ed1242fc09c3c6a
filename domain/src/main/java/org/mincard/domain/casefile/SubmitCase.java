package org.mincard.domain.casefile;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** Opens a new case at a service site. */
public record SubmitCase(
        @TargetAggregateIdentifier UUID caseId,
        CaseType type,
        UUID siteId,
        Instant submittedAt) implements CaseFileCommand {

    public SubmitCase {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(siteId, "siteId");
        Objects.requireNonNull(submittedAt, "submittedAt");
    }
}
