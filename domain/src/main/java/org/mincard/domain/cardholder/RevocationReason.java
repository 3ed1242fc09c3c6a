package org.mincard.domain.cardholder;

/** Why a card was revoked. */
public enum RevocationReason {
    FRAUD,
    ISSUED_IN_ERROR,
    HOLDER_REQUEST,
    DUPLICATE
}
