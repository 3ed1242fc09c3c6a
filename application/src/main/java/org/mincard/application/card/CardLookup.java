package org.mincard.application.card;

import org.mincard.application.security.SiteScope;
import org.mincard.domain.personaldata.CardNumber;
import org.mincard.domain.shared.Actor;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * A card by its number as the API and the console both find it: the number's blind index, then the actor's site
 * scope. Another site's card is absent, exactly as a number that was never issued, so the answer never tells a
 * site-scoped caller that a card exists elsewhere.
 */
@Component
public class CardLookup {

    private final CardRegistry cards;
    private final SiteScope siteScope;

    CardLookup(CardRegistry cards, SiteScope siteScope) {
        this.cards = cards;
        this.siteScope = siteScope;
    }

    /** Digits only: people type card numbers with spaces or hyphens between the groups. */
    public static String digits(String typed) {
        return typed == null ? "" : typed.replace(" ", "").replace("-", "");
    }

    public static boolean isWellFormed(String cardNumber) {
        return CardNumber.isWellFormed(cardNumber);
    }

    /** The card the actor may see under this number (16 digits with a valid check digit), if any. */
    public Optional<RegisteredCard> find(Actor actor, String cardNumber) {
        if (!isWellFormed(cardNumber)) {
            return Optional.empty();
        }
        return cards.findByNumber(cardNumber).filter(card -> siteScope.isVisible(actor, card.siteId()));
    }
}
