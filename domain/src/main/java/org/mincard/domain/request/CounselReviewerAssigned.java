package org.mincard.domain.request;

import org.axonframework.serialization.Revision;

import java.util.Objects;
import java.util.UUID;

/** Counsel (a staff user id, never a name: {@link CounselReviewerId}) was named to review a request. */
@Revision("1")
public record CounselReviewerAssigned(UUID requestId, String counselReviewerId) implements DataRequestEvent {

    public CounselReviewerAssigned {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(counselReviewerId, "counselReviewerId");
    }
}
