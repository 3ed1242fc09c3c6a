package org.mincard.application.casefile;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.mincard.application.card.CardRegistry;
import org.mincard.domain.cardholder.ProduceCard;
import org.mincard.domain.casefile.CaseState;
import org.mincard.domain.casefile.RecordCardProduction;
import org.mincard.domain.personaldata.CardNumber;
import org.mincard.domain.personaldata.PersonalDataSealer;
import org.mincard.domain.shared.Actor;
import org.mincard.domain.shared.NotVisible;
import org.mincard.projections.caseview.CaseView;
import org.mincard.projections.caseview.GetCase;
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
    private final QueryGateway queries;
    private final PersonalDataSealer sealer;
    private final CardRegistry cards;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    CardProduction(CommandGateway commands, QueryGateway queries, PersonalDataSealer sealer, CardRegistry cards,
                   TransactionTemplate transaction, Clock clock) {
        this.commands = commands;
        this.queries = queries;
        this.sealer = sealer;
        this.cards = cards;
        this.transaction = transaction;
        this.clock = clock;
    }

    public CaseState produce(UUID caseId, Actor actor) {
        CaseView view = queries.query(new GetCase(caseId), ResponseTypes.optionalInstanceOf(CaseView.class)).join()
                .filter(found -> actor.canSee(found.siteId()))
                .orElseThrow(() -> new NotVisible("Case " + caseId));
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        UUID cardId = UUID.randomUUID();
        return transaction.execute(status -> {
            String number = reserveNumber();
            CaseState state = commands.sendAndWait(new RecordCardProduction(caseId, cardId, now));
            commands.sendAndWait(new ProduceCard(view.cardholderId(), cardId, caseId, view.type(), view.siteId(),
                    sealer.seal(view.cardholderId(), new CardNumber(number)), view.ageBand(), view.previousCardId(),
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
