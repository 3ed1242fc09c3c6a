package org.mincard.domain.request;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

/** The card holders in a request's scope were notified of it. */
@Revision("1")
public record DataRequestHolderNotified(UUID requestId, LocalDate notifiedOn) implements DataRequestEvent {

    public DataRequestHolderNotified {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(notifiedOn, "notifiedOn");
    }
}
