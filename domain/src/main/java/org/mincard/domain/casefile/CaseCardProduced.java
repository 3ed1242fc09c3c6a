package org.mincard.domain.casefile;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** The card for this case was produced. */
@Revision("1")
public record CaseCardProduced(
        UUID caseId,
        UUID cardholderId,
        UUID cardId,
        Instant producedAt) implements CaseFileEvent {

    public CaseCardProduced {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(cardholderId, "cardholderId");
        Objects.requireNonNull(cardId, "cardId");
        Objects.requireNonNull(producedAt, "producedAt");
    }

    @Override
    public Instant occurredAt() {
        return producedAt;
    }
}
