package org.mincard.domain.retention;

import java.time.Instant;
import java.util.UUID;

/**
 * Facts recorded by a retention sweep, in the sweep's own event stream (aggregate type {@code Sweep}, identifier the
 * sweep id). The sweep's durable work list, not an Axon aggregate, is its consistency boundary: see ADR 0007.
 */
public sealed interface SweepEvent permits PersonalDataPurged {

    UUID sweepId();

    /**
     * When the fact happened, by the business time the command gave (the service's clock), never the recording time
     * (that is the message timestamp). A method, not a stored field: the event's JSON does not change.
     */
    Instant occurredAt();
}
