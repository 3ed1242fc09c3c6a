package org.mincard.application.card;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.mincard.application.security.CurrentActor;
import org.mincard.application.web.RequestProblems;
import org.mincard.domain.cardholder.CardStatus;
import org.mincard.domain.cardholder.ReinstateCard;
import org.mincard.domain.cardholder.ReportCardLost;
import org.mincard.domain.cardholder.RevocationReason;
import org.mincard.domain.cardholder.RevokeCard;
import org.mincard.domain.shared.NotVisible;
import org.mincard.domain.shared.ReplacementReason;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.util.UUID;

@RestController
@RequestMapping("/api/v1/cards")
@Tag(name = "Cards", description = "Revoke, reinstate and report cards lost, stolen or damaged")
class CardController {

    private final CommandGateway commands;
    private final CardLookup cards;
    private final CurrentActor currentActor;
    private final Clock clock;

    CardController(CommandGateway commands, CardLookup cards, CurrentActor currentActor, Clock clock) {
        this.commands = commands;
        this.cards = cards;
        this.currentActor = currentActor;
        this.clock = clock;
    }

    @Schema(example = "{\"reason\": \"FRAUD\"}")
    record RevokeRequest(@NotNull RevocationReason reason) {
    }

    @Schema(example = "{\"reason\": \"STOLEN\"}")
    record ReportLostRequest(@NotNull ReplacementReason reason) {
    }

    /** A card's recorded status after an action. */
    record CardMoved(UUID cardId, CardStatus status) {
    }

    @PostMapping("/{cardNumber}/revoke")
    @Operation(summary = "Revoke a card for a documented reason")
    CardMoved revoke(@PathVariable String cardNumber, @Valid @RequestBody RevokeRequest request) {
        RegisteredCard card = find(cardNumber);
        commands.sendAndWait(new RevokeCard(card.cardholderId(), card.cardId(), request.reason(), clock.instant()));
        return new CardMoved(card.cardId(), CardStatus.REVOKED);
    }

    @PostMapping("/{cardNumber}/reinstate")
    @Operation(summary = "Reinstate a revoked card")
    CardMoved reinstate(@PathVariable String cardNumber) {
        RegisteredCard card = find(cardNumber);
        commands.sendAndWait(new ReinstateCard(card.cardholderId(), card.cardId(), clock.instant()));
        return new CardMoved(card.cardId(), CardStatus.ACTIVE);
    }

    @PostMapping("/{cardNumber}/report-lost")
    @Operation(summary = "Report a card lost, stolen or damaged; it is deactivated at once")
    CardMoved reportLost(@PathVariable String cardNumber, @Valid @RequestBody ReportLostRequest request) {
        RegisteredCard card = find(cardNumber);
        commands.sendAndWait(new ReportCardLost(card.cardholderId(), card.cardId(), request.reason(),
                clock.instant()));
        return new CardMoved(card.cardId(), CardStatus.REPORTED_LOST);
    }

    private RegisteredCard find(String cardNumber) {
        if (!CardLookup.isWellFormed(cardNumber)) {
            throw RequestProblems.invalid("cardNumber", "must be 16 digits with a valid check digit");
        }
        return cards.find(currentActor.get(), cardNumber).orElseThrow(() -> new NotVisible("Card"));
    }
}
