package org.mincard.domain.casefile;

import org.axonframework.serialization.Revision;
import org.mincard.domain.personaldata.SealedValue;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** The card was mailed; the delivery address is here only if it was given at mailing. */
@Revision("1")
public record CardMailed(
        UUID caseId,
        SealedValue delivery,
        Instant mailedAt) implements CaseFileEvent {

    public CardMailed {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(mailedAt, "mailedAt");
    }

    @Override
    public Instant occurredAt() {
        return mailedAt;
    }
}
