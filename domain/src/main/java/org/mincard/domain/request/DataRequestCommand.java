package org.mincard.domain.request;

import java.util.UUID;

/** A command to the third-party data request register. */
public sealed interface DataRequestCommand
        permits RegisterDataRequest, AssignCounselReviewer, DecideDataRequest, RecordHolderNotified,
        RecordDataRequestAnswered {

    UUID requestId();
}
