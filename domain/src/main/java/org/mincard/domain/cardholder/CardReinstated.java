package org.mincard.domain.cardholder;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A revoked card was reinstated. */
@Revision("1")
public record CardReinstated(
        UUID cardholderId,
        UUID cardId,
        Instant reinstatedAt) implements CardholderEvent {

    public CardReinstated {
        Objects.requireNonNull(cardholderId, "cardholderId");
        Objects.requireNonNull(cardId, "cardId");
        Objects.requireNonNull(reinstatedAt, "reinstatedAt");
    }

    @Override
    public Instant occurredAt() {
        return reinstatedAt;
    }
}
