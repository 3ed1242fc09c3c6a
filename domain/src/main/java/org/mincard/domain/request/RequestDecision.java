package org.mincard.domain.request;

/** What the city decided to do with a request. */
public enum RequestDecision {
    REFUSED, CHALLENGED, NO_RESPONSIVE_RECORDS, PARTIAL, FULL;

    /** Whether records may be produced under this decision. */
    public boolean discloses() {
        return this == PARTIAL || this == FULL;
    }
}
