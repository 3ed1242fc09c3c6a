package org.mincard.domain.cardholder;

import java.time.Instant;
import java.util.UUID;

/** A fact about a cardholder's cards; every event names the cardholder it belongs to. */
public sealed interface CardholderEvent
        permits CardProduced, CardSuperseded, CardRevoked, CardReinstated, CardReportedLost {

    UUID cardholderId();

    /**
     * When the fact happened, by the business time the command gave (the service's clock), never the recording time
     * (that is the message timestamp). A method, not a stored field: the event's JSON does not change.
     */
    Instant occurredAt();
}
