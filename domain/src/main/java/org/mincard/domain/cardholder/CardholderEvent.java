package org.mincard.domain.cardholder;

import java.util.UUID;

/** A fact about a cardholder's cards; every event names the cardholder it belongs to. */
public sealed interface CardholderEvent
        permits CardProduced, CardSuperseded, CardRevoked, CardReinstated, CardReportedLost {

    UUID cardholderId();
}
