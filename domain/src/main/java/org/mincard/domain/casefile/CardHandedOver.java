package org.mincard.domain.casefile;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** The card was handed to the cardholder at the site. */
@Revision("1")
public record CardHandedOver(
        UUID caseId,
        Instant handedOverAt) implements CaseFileEvent {

    public CardHandedOver {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(handedOverAt, "handedOverAt");
    }

    @Override
    public Instant occurredAt() {
        return handedOverAt;
    }
}
