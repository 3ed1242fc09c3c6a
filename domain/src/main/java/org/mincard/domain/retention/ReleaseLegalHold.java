package org.mincard.domain.retention;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** Releases a legal hold under an authority reference. */
public record ReleaseLegalHold(
        @TargetAggregateIdentifier UUID holdId,
        String authority,
        Instant releasedAt) implements LegalHoldCommand {

    public ReleaseLegalHold {
        Objects.requireNonNull(holdId, "holdId");
        Objects.requireNonNull(releasedAt, "releasedAt");
        AuthorityReference.require(authority, "authority");
    }
}
