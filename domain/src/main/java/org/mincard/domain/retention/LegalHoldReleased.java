package org.mincard.domain.retention;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A legal hold was released under an authority; what it held becomes due again (at once if its time has passed). */
@Revision("1")
public record LegalHoldReleased(
        UUID holdId,
        String authority,
        Instant releasedAt) implements LegalHoldEvent {

    public LegalHoldReleased {
        Objects.requireNonNull(holdId, "holdId");
        Objects.requireNonNull(authority, "authority");
        Objects.requireNonNull(releasedAt, "releasedAt");
    }

    @Override
    public Instant occurredAt() {
        return releasedAt;
    }
}
