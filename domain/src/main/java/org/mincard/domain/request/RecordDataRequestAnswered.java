package org.mincard.domain.request;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

/** Records the date the requester was answered. */
public record RecordDataRequestAnswered(@TargetAggregateIdentifier UUID requestId, LocalDate respondedOn)
        implements DataRequestCommand {

    public RecordDataRequestAnswered {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(respondedOn, "respondedOn");
    }
}
