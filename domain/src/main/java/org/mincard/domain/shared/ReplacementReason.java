package org.mincard.domain.shared;

/** Why a card must be replaced: it was lost, stolen or damaged. */
public enum ReplacementReason {
    LOST,
    STOLEN,
    DAMAGED
}
