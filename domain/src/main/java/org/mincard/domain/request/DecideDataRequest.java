package org.mincard.domain.request;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

/** Records the decision on a request after counsel's review. */
public record DecideDataRequest(@TargetAggregateIdentifier UUID requestId, RequestDecision decision,
                                LocalDate decidedOn) implements DataRequestCommand {

    public DecideDataRequest {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(decidedOn, "decidedOn");
    }
}
