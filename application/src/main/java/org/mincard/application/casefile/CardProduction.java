package org.mincard.application.casefile;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.mincard.application.card.CardRegistry;
import org.mincard.domain.cardholder.ProduceCard;
import org.mincard.domain.casefile.CaseState;
import org.mincard.domain.casefile.RecordCardProduction;
import org.mincard.domain.personaldata.CardNumber;
import org.mincard.domain.personaldata.PersonalDataSealer;
import org.mincard.domain.shared.Actor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Produces the card of an approved case. The case's transition, the cardholder's new card (superseding the old one
 * for renewals, replacements and updates) and the card number's registration commit in one transaction, so a card
 * never exists without its case moving on, nor the other way round.
 */
@Component
public class CardProduction {

    private static final int NUMBER_ATTEMPTS = 5;

    private final CommandGateway commands;
    private final CaseLookup lookup;
    private final PersonalDataSealer sealer;
    private final CardRegistry cards;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    CardProduction(CommandGateway commands, CaseLookup lookup, PersonalDataSealer sealer, CardRegistry cards,
                   TransactionTemplate transaction, Clock clock) {
        this.commands = commands;
        this.lookup = lookup;
        this.sealer = sealer;
        this.cards = cards;
        this.transaction = transaction;
        this.clock = clock;
    }

    public CaseState produce(UUID caseId, Actor actor) {
        // The command-side lookup, not the case view: a case approved a moment ago may not be in the view yet.
        CaseLookup.CaseFacts facts = lookup.require(caseId, actor);
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        UUID cardId = UUID.randomUUID();
        return transaction.execute(status -> {
            String number = reserveNumber();
            CaseState state = commands.sendAndWait(new RecordCardProduction(caseId, cardId, now));
            commands.sendAndWait(new ProduceCard(facts.cardholderId(), cardId, caseId, facts.type(), facts.siteId(),
                    sealer.seal(facts.cardholderId(), new CardNumber(number)), facts.ageBand(), facts.previousCardId(),
                    today));
            cards.assignNumber(cardId, number);
            return state;
        });
    }

    private String reserveNumber() {
        for (int attempt = 0; attempt < NUMBER_ATTEMPTS; attempt++) {
            StringBuilder digits = new StringBuilder(16);
            digits.append(1 + random.nextInt(9));
            for (int i = 1; i < 15; i++) {
                digits.append(random.nextInt(10));
            }
            String number = digits.append(CardNumber.checkDigit(digits.toString())).toString();
            if (cards.reserveNumber(number)) {
                return number;
            }
        }
        throw new IllegalStateException("no free card number after " + NUMBER_ATTEMPTS + " random draws");
    }
}
