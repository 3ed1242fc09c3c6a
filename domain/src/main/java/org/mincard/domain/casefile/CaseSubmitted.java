package org.mincard.domain.casefile;

import org.axonframework.serialization.Revision;
import org.mincard.domain.personaldata.SealedValue;
import org.mincard.domain.shared.AgeBand;
import org.mincard.domain.shared.CaseType;
import org.mincard.domain.shared.ReplacementReason;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** An application was accepted as a case at a service site. */
@Revision("1")
public record CaseSubmitted(
        UUID caseId,
        CaseType type,
        UUID siteId,
        UUID cardholderId,
        AgeBand ageBand,
        SealedValue cardRecord,
        SealedValue contact,
        SealedValue delivery,
        UUID previousCardId,
        ReplacementReason replacementReason,
        Instant submittedAt) implements CaseFileEvent {

    public CaseSubmitted {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(siteId, "siteId");
        Objects.requireNonNull(cardholderId, "cardholderId");
        Objects.requireNonNull(ageBand, "ageBand");
        Objects.requireNonNull(cardRecord, "cardRecord");
        Objects.requireNonNull(submittedAt, "submittedAt");
    }

    @Override
    public Instant occurredAt() {
        return submittedAt;
    }
}
