package org.mincard.domain.request;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Objects;
import java.util.UUID;

/** Names the counsel who reviews a request (a staff user id, {@link CounselReviewerId}). */
public record AssignCounselReviewer(@TargetAggregateIdentifier UUID requestId, String counselReviewerId)
        implements DataRequestCommand {

    public AssignCounselReviewer {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(counselReviewerId, "counselReviewerId");
    }
}
