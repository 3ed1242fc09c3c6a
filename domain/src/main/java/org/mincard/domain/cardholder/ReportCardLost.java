package org.mincard.domain.cardholder;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.mincard.domain.shared.ReplacementReason;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** Records that a card was lost, stolen or damaged; it is deactivated at once. */
public record ReportCardLost(
        @TargetAggregateIdentifier UUID cardholderId,
        UUID cardId,
        ReplacementReason reason,
        Instant reportedAt) implements CardholderCommand {

    public ReportCardLost {
        Objects.requireNonNull(cardholderId, "cardholderId");
        Objects.requireNonNull(cardId, "cardId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(reportedAt, "reportedAt");
    }
}
