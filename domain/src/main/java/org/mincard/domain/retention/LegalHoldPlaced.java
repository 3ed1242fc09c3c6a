package org.mincard.domain.retention;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A legal hold was placed: purging of everything in its scope is suspended until it is released. The reason and the
 * authority are references (docket or order numbers), never personal data.
 */
@Revision("1")
public record LegalHoldPlaced(
        UUID holdId,
        HoldScope scope,
        String reason,
        String authority,
        Instant placedAt) implements LegalHoldEvent {

    public LegalHoldPlaced {
        Objects.requireNonNull(holdId, "holdId");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(authority, "authority");
        Objects.requireNonNull(placedAt, "placedAt");
    }

    @Override
    public Instant occurredAt() {
        return placedAt;
    }
}
