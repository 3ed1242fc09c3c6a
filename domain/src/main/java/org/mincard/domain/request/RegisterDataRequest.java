package org.mincard.domain.request;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

/** Registers a third-party or legal request for records as received. */
public record RegisterDataRequest(@TargetAggregateIdentifier UUID requestId, RequesterType requesterType,
                                  LegalInstrument instrument, RequestScope scope, LocalDate receivedOn)
        implements DataRequestCommand {

    public RegisterDataRequest {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(requesterType, "requesterType");
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(receivedOn, "receivedOn");
    }
}
