package org.mincard.domain.casefile;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** Records that the mailed card came back undelivered; it waits for pickup at the site. */
public record MarkCardReturned(
        @TargetAggregateIdentifier UUID caseId,
        Instant returnedAt) implements CaseFileCommand {

    public MarkCardReturned {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(returnedAt, "returnedAt");
    }
}
