package org.mincard.application.card;

import org.mincard.domain.cardholder.CardStatus;

import java.time.LocalDate;
import java.util.UUID;

/**
 * What the command side knows of a card, found by its number's blind index. {@code siteId} is the site that produced
 * the card: site-scoped staff act only on their own sites' cards.
 */
public record RegisteredCard(UUID cardId, UUID cardholderId, UUID siteId, CardStatus status, LocalDate issuedOn,
                             LocalDate expiresOn) {
}
