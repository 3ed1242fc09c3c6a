package org.mincard.domain.casefile;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** The mailed card came back undelivered and waits for pickup at the site. */
@Revision("1")
public record CardMailingReturned(
        UUID caseId,
        Instant returnedAt) implements CaseFileEvent {

    public CardMailingReturned {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(returnedAt, "returnedAt");
    }

    @Override
    public Instant occurredAt() {
        return returnedAt;
    }
}
