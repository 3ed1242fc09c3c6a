package org.mincard.domain.request;

import org.mincard.domain.shared.DomainRejection;

/** A request is decided only after counsel was named to review it. */
public final class CounselReviewMissing extends DomainRejection {

    public CounselReviewMissing() {
        super("A request is decided only after a counsel reviewer is assigned.", DataRequestState.REGISTERED.name());
    }

    @Override
    public String code() {
        return "counsel-review-missing";
    }
}
