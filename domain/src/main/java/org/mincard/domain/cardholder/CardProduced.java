package org.mincard.domain.cardholder;

import org.axonframework.serialization.Revision;
import org.mincard.domain.personaldata.SealedValue;
import org.mincard.domain.shared.AgeBand;
import org.mincard.domain.shared.CaseType;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.UUID;

/** A card was produced for the cardholder; its number is sealed in the card-record class. */
@Revision("1")
public record CardProduced(
        UUID cardholderId,
        UUID cardId,
        UUID caseId,
        CaseType caseType,
        UUID siteId,
        SealedValue cardNumber,
        AgeBand ageBand,
        LocalDate issuedOn,
        LocalDate expiresOn,
        UUID replacesCardId) implements CardholderEvent {

    public CardProduced {
        Objects.requireNonNull(cardholderId, "cardholderId");
        Objects.requireNonNull(cardId, "cardId");
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(caseType, "caseType");
        Objects.requireNonNull(siteId, "siteId");
        Objects.requireNonNull(cardNumber, "cardNumber");
        Objects.requireNonNull(ageBand, "ageBand");
        Objects.requireNonNull(issuedOn, "issuedOn");
    }

    /** The start (UTC) of {@link #issuedOn}: this event is dated by day only. */
    @Override
    public Instant occurredAt() {
        return issuedOn.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
