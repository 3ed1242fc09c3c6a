package org.mincard.domain.cardholder;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** Reinstates a revoked card. */
public record ReinstateCard(
        @TargetAggregateIdentifier UUID cardholderId,
        UUID cardId,
        Instant reinstatedAt) implements CardholderCommand {

    public ReinstateCard {
        Objects.requireNonNull(cardholderId, "cardholderId");
        Objects.requireNonNull(cardId, "cardId");
        Objects.requireNonNull(reinstatedAt, "reinstatedAt");
    }
}
