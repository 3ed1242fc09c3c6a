package org.mincard.application.card;

import org.mincard.domain.cardholder.CardStatus;

import java.time.LocalDate;
import java.util.UUID;

/** What the command side knows of a card, found by its number's blind index. */
public record RegisteredCard(UUID cardId, UUID cardholderId, CardStatus status, LocalDate issuedOn,
                             LocalDate expiresOn) {
}
