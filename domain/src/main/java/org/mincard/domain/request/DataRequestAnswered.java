package org.mincard.domain.request;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

/** The requester was answered; {@code daysToRespond} counts calendar days from receipt. */
@Revision("1")
public record DataRequestAnswered(UUID requestId, LocalDate respondedOn, long daysToRespond)
        implements DataRequestEvent {

    public DataRequestAnswered {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(respondedOn, "respondedOn");
    }
}
