package org.mincard.domain.request;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

/** Records that the card holders in scope were told about the request. */
public record RecordHolderNotified(@TargetAggregateIdentifier UUID requestId, LocalDate notifiedOn)
        implements DataRequestCommand {

    public RecordHolderNotified {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(notifiedOn, "notifiedOn");
    }
}
