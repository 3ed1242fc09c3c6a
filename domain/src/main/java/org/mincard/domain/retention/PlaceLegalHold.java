package org.mincard.domain.retention;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** Places a legal hold with its scope, reason and authority. */
public record PlaceLegalHold(
        @TargetAggregateIdentifier UUID holdId,
        HoldScope scope,
        String reason,
        String authority,
        Instant placedAt) implements LegalHoldCommand {

    public PlaceLegalHold {
        Objects.requireNonNull(holdId, "holdId");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(placedAt, "placedAt");
        if (reason == null || reason.isBlank() || authority == null || authority.isBlank()) {
            throw new IllegalArgumentException("a legal hold needs a reason and an authority");
        }
    }
}
