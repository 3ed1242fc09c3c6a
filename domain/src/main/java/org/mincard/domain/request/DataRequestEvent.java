package org.mincard.domain.request;

import java.util.UUID;

/** A fact about a third-party data request; every event names the request. */
public sealed interface DataRequestEvent
        permits DataRequestRegistered, CounselReviewerAssigned, DataRequestDecided, DataRequestHolderNotified,
        DataRequestAnswered {

    UUID requestId();
}
