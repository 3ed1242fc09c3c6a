package org.mincard.domain.cardholder;

import org.axonframework.serialization.Revision;
import org.mincard.domain.shared.CaseType;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.UUID;

/** A card was deactivated because a renewal, replacement or update produced a newer one. */
@Revision("1")
public record CardSuperseded(
        UUID cardholderId,
        UUID cardId,
        UUID supersededBy,
        CaseType caseType,
        LocalDate supersededOn) implements CardholderEvent {

    public CardSuperseded {
        Objects.requireNonNull(cardholderId, "cardholderId");
        Objects.requireNonNull(cardId, "cardId");
        Objects.requireNonNull(supersededBy, "supersededBy");
        Objects.requireNonNull(caseType, "caseType");
        Objects.requireNonNull(supersededOn, "supersededOn");
    }

    /** The start (UTC) of {@link #supersededOn}: this event is dated by day only. */
    @Override
    public Instant occurredAt() {
        return supersededOn.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
