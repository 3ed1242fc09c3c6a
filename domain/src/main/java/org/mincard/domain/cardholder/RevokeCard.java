package org.mincard.domain.cardholder;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** Revokes a card for a documented reason. */
public record RevokeCard(
        @TargetAggregateIdentifier UUID cardholderId,
        UUID cardId,
        RevocationReason reason,
        Instant revokedAt) implements CardholderCommand {

    public RevokeCard {
        Objects.requireNonNull(cardholderId, "cardholderId");
        Objects.requireNonNull(cardId, "cardId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(revokedAt, "revokedAt");
    }
}
