package org.mincard.domain.casefile;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** Records that the card for this case was produced. */
public record RecordCardProduction(
        @TargetAggregateIdentifier UUID caseId,
        UUID cardId,
        Instant producedAt) implements CaseFileCommand {

    public RecordCardProduction {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(cardId, "cardId");
        Objects.requireNonNull(producedAt, "producedAt");
    }
}
