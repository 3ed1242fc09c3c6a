package org.mincard.domain.cardholder;

import org.axonframework.serialization.Revision;
import org.mincard.domain.shared.ReplacementReason;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A card was reported lost, stolen or damaged and deactivated. */
@Revision("1")
public record CardReportedLost(
        UUID cardholderId,
        UUID cardId,
        ReplacementReason reason,
        Instant reportedAt) implements CardholderEvent {

    public CardReportedLost {
        Objects.requireNonNull(cardholderId, "cardholderId");
        Objects.requireNonNull(cardId, "cardId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(reportedAt, "reportedAt");
    }

    @Override
    public Instant occurredAt() {
        return reportedAt;
    }
}
