package org.mincard.application.console;

import org.mincard.application.card.CardRegistry;
import org.mincard.application.card.RegisteredCard;
import org.mincard.application.oversight.SearchKind;
import org.mincard.application.oversight.SearchLog;
import org.mincard.application.security.CurrentActor;
import org.mincard.domain.cardholder.RenewalPolicy;
import org.mincard.domain.personaldata.CardNumber;
import org.mincard.domain.shared.Actor;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * A card by its number: status, issue and expiry dates, the renewal window. The number is posted, never put in a
 * URL (URLs end up in logs and browser history), found through the card registry's blind index, and the lookup is
 * written to the search log (never the number). Another site's card reads as a number never issued, as in the API.
 */
@Controller
class CardLookupController {

    private final CardRegistry cards;
    private final SearchLog searchLog;
    private final RenewalPolicy renewal;
    private final CurrentActor currentActor;
    private final Clock clock;

    CardLookupController(CardRegistry cards, SearchLog searchLog, RenewalPolicy renewal, CurrentActor currentActor,
                         Clock clock) {
        this.cards = cards;
        this.searchLog = searchLog;
        this.renewal = renewal;
        this.currentActor = currentActor;
        this.clock = clock;
    }

    /** What the lookup shows of a card. */
    record CardFacts(RegisteredCard card, boolean renewalOpen, LocalDate renewalOpensOn, LocalDate lapsesOn) {
    }

    @GetMapping("/console/cards")
    String form() {
        return "console/cards";
    }

    @PostMapping("/console/cards")
    String lookup(@RequestParam String cardNumber, Model model) {
        Actor actor = currentActor.get();
        String digits = cardNumber.replace(" ", "").replace("-", "");
        Optional<RegisteredCard> found = CardNumber.isWellFormed(digits) ? cards.findByNumber(digits)
                .filter(card -> actor.canSee(card.siteId())) : Optional.empty();
        searchLog.record(actor, SearchKind.CARD_NUMBER, "card-lookup", 1, found.isPresent() ? 1 : 0);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        model.addAttribute("searched", true);
        model.addAttribute("facts", found.map(card -> new CardFacts(card,
                card.expiresOn() != null && renewal.isOpen(card.expiresOn(), today),
                card.expiresOn() == null ? null : card.expiresOn().minus(renewal.opensBeforeExpiry()),
                card.expiresOn() == null ? null : renewal.lapsesOn(card.expiresOn()))).orElse(null));
        return "console/cards";
    }
}
