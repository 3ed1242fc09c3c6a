package org.mincard.domain.casefile;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.mincard.domain.personaldata.SealedValue;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** Records a clerk's review of the documents presented (types sealed, points tallied). */
public record RecordDocumentReview(
        @TargetAggregateIdentifier UUID caseId,
        SealedValue review,
        PointsTally tally,
        Instant reviewedAt) implements CaseFileCommand {

    public RecordDocumentReview {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(review, "review");
        Objects.requireNonNull(tally, "tally");
        Objects.requireNonNull(reviewedAt, "reviewedAt");
    }
}
