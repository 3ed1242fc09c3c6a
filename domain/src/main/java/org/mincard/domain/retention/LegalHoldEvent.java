package org.mincard.domain.retention;

import java.time.Instant;
import java.util.UUID;

/** Facts about a legal hold. */
public sealed interface LegalHoldEvent permits LegalHoldPlaced, LegalHoldReleased {

    UUID holdId();

    /**
     * When the fact happened, by the business time the command gave (the service's clock), never the recording time
     * (that is the message timestamp). A method, not a stored field: the event's JSON does not change.
     */
    Instant occurredAt();
}
