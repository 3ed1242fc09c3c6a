package org.mincard.application.console;

import org.mincard.application.card.CardLookup;
import org.mincard.application.card.RegisteredCard;
import org.mincard.application.directory.SiteDirectory;
import org.mincard.application.oversight.SearchKind;
import org.mincard.application.oversight.SearchLog;
import org.mincard.application.security.CurrentActor;
import org.mincard.domain.cardholder.RenewalPolicy;
import org.mincard.domain.shared.Actor;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;

/**
 * A card by its number: status, issue and expiry dates, the renewal window. The number is posted, never put in a
 * URL (URLs end up in logs and browser history), found as the API finds it ({@link CardLookup}: the blind index, then
 * the site scope, so another site's card reads as a number never issued), and the lookup is written to the search log
 * (never the number). The renewal window is judged on the card's site's date.
 */
@Controller
class CardLookupController {

    private final CardLookup cards;
    private final SearchLog searchLog;
    private final RenewalPolicy renewal;
    private final SiteDirectory sites;
    private final CurrentActor currentActor;
    private final Clock clock;

    CardLookupController(CardLookup cards, SearchLog searchLog, RenewalPolicy renewal, SiteDirectory sites,
                         CurrentActor currentActor, Clock clock) {
        this.cards = cards;
        this.searchLog = searchLog;
        this.renewal = renewal;
        this.sites = sites;
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
        Optional<RegisteredCard> found = cards.find(actor, CardLookup.digits(cardNumber));
        searchLog.record(actor, SearchKind.CARD_NUMBER, "card-lookup", 1, found.isPresent() ? 1 : 0);
        model.addAttribute("searched", true);
        model.addAttribute("facts", found.map(card -> new CardFacts(card,
                card.expiresOn() != null && renewal.isOpen(card.expiresOn(), sites.dayAt(card.siteId(),
                        clock.instant())),
                card.expiresOn() == null ? null : card.expiresOn().minus(renewal.opensBeforeExpiry()),
                card.expiresOn() == null ? null : renewal.lapsesOn(card.expiresOn()))).orElse(null));
        return "console/cards";
    }
}
