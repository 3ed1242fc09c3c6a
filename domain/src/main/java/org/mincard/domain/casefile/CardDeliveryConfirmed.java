package org.mincard.domain.casefile;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** The mailed card was delivered. */
@Revision("1")
public record CardDeliveryConfirmed(
        UUID caseId,
        Instant deliveredAt) implements CaseFileEvent {

    public CardDeliveryConfirmed {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(deliveredAt, "deliveredAt");
    }

    @Override
    public Instant occurredAt() {
        return deliveredAt;
    }
}
