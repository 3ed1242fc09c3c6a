package org.mincard.domain.casefile;

/** Where a case stands in its lifecycle. */
public enum CaseState {
    SUBMITTED,
    CHECKED_IN,
    UNDER_REVIEW,
    SUPERVISOR_REVIEW,
    APPROVED,
    DENIED,
    APPEALED,
    CARD_PRODUCED,
    MAILED,
    RETURNED,
    /** Closed: the card was handed over on site (also after a returned mailing was picked up). */
    HANDED_OVER,
    /** Closed: the mailed card was delivered. */
    DELIVERED,
    /** Closed: the denial stands after appeal. */
    DENIAL_UPHELD,
    WITHDRAWN,
    NO_SHOW,
    ABANDONED,
    CANCELLED;

    /** True when no further lifecycle action is possible, except appealing a denial (see {@link #DENIED}). */
    public boolean isClosed() {
        return switch (this) {
            case HANDED_OVER, DELIVERED, DENIAL_UPHELD, WITHDRAWN, NO_SHOW, ABANDONED, CANCELLED -> true;
            default -> false;
        };
    }
}
