package org.mincard.domain.request;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

/** The city decided what to do with a request, after counsel's review. */
@Revision("1")
public record DataRequestDecided(UUID requestId, RequestDecision decision, String counselReviewerId,
                                 LocalDate decidedOn) implements DataRequestEvent {

    public DataRequestDecided {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(counselReviewerId, "counselReviewerId");
        Objects.requireNonNull(decidedOn, "decidedOn");
    }
}
