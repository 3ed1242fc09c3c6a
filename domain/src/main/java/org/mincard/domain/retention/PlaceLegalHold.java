package org.mincard.domain.retention;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** Places a legal hold with its scope, reason code and authority reference. */
public record PlaceLegalHold(
        @TargetAggregateIdentifier UUID holdId,
        HoldScope scope,
        HoldReason reason,
        String authority,
        Instant placedAt) implements LegalHoldCommand {

    public PlaceLegalHold {
        Objects.requireNonNull(holdId, "holdId");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(placedAt, "placedAt");
        if (reason == null || !reason.selectable()) {
            throw new IllegalArgumentException("reason: must be one of the hold reason codes");
        }
        AuthorityReference.require(authority, "authority");
    }
}
