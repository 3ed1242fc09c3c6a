package org.mincard.domain.cardholder;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.mincard.domain.personaldata.SealedValue;
import org.mincard.domain.shared.AgeBand;
import org.mincard.domain.shared.CaseType;

import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

/** Produces a card for a cardholder from an approved case; renewals, replacements and updates name the card they supersede. */
public record ProduceCard(
        @TargetAggregateIdentifier UUID cardholderId,
        UUID cardId,
        UUID caseId,
        CaseType caseType,
        UUID siteId,
        SealedValue cardNumber,
        AgeBand ageBand,
        UUID replacesCardId,
        LocalDate producedOn) implements CardholderCommand {

    public ProduceCard {
        Objects.requireNonNull(cardholderId, "cardholderId");
        Objects.requireNonNull(cardId, "cardId");
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(caseType, "caseType");
        Objects.requireNonNull(siteId, "siteId");
        Objects.requireNonNull(cardNumber, "cardNumber");
        Objects.requireNonNull(ageBand, "ageBand");
        Objects.requireNonNull(producedOn, "producedOn");
    }
}
