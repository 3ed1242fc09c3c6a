package org.mincard.domain.retention;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A legal hold was placed: purging of everything in its scope is suspended until it is released. The reason is a
 * code and the authority a reference ({@link AuthorityReference}), never free text. Revision 1 carried both as free
 * text; {@code LegalHoldPlacedV1ToV2Upcaster} reads it with the reason {@link HoldReason#UNCODED}.
 */
@Revision("2")
public record LegalHoldPlaced(
        UUID holdId,
        HoldScope scope,
        HoldReason reason,
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
