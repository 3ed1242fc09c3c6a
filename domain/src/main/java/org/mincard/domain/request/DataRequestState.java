package org.mincard.domain.request;

/** Where a request stands in the register. */
public enum DataRequestState {
    REGISTERED, DECIDED, ANSWERED
}
