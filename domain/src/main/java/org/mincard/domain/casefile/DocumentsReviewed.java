package org.mincard.domain.casefile;

import org.axonframework.serialization.Revision;
import org.mincard.domain.personaldata.SealedValue;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A clerk reviewed the documents presented; their types are sealed, their points tallied. */
@Revision("1")
public record DocumentsReviewed(
        UUID caseId,
        SealedValue review,
        PointsTally tally,
        boolean meetsPointsRule,
        Instant reviewedAt) implements CaseFileEvent {

    public DocumentsReviewed {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(review, "review");
        Objects.requireNonNull(tally, "tally");
        Objects.requireNonNull(reviewedAt, "reviewedAt");
    }

    @Override
    public Instant occurredAt() {
        return reviewedAt;
    }
}
