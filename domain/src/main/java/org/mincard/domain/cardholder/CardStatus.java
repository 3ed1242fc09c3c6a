package org.mincard.domain.cardholder;

/**
 * The recorded status of a card. Expiry and lapse are not statuses: they follow from the dates (see
 * {@link RenewalPolicy}), so an active card past its expiry date is expired without any event.
 */
public enum CardStatus {
    ACTIVE,
    /** Reported lost, stolen or damaged: deactivated, waiting for a replacement. */
    REPORTED_LOST,
    REVOKED,
    /** Deactivated because a renewal, replacement or update produced a newer card. */
    SUPERSEDED
}
