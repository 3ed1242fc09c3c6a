package org.mincard.domain.casefile;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** Records that the mailed card was delivered. */
public record ConfirmDelivery(
        @TargetAggregateIdentifier UUID caseId,
        Instant deliveredAt) implements CaseFileCommand {

    public ConfirmDelivery {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(deliveredAt, "deliveredAt");
    }
}
