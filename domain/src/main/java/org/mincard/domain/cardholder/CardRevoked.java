package org.mincard.domain.cardholder;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A card was revoked. */
@Revision("1")
public record CardRevoked(
        UUID cardholderId,
        UUID cardId,
        RevocationReason reason,
        Instant revokedAt) implements CardholderEvent {

    public CardRevoked {
        Objects.requireNonNull(cardholderId, "cardholderId");
        Objects.requireNonNull(cardId, "cardId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(revokedAt, "revokedAt");
    }

    @Override
    public Instant occurredAt() {
        return revokedAt;
    }
}
