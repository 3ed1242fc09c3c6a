package org.mincard.domain.cardholder;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.mincard.domain.shared.CaseType;
import org.mincard.domain.shared.NotVisible;
import org.mincard.domain.shared.TransitionNotAllowed;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A cardholder and their cards. Holding every card of one person in one aggregate keeps the rule "at most one
 * active card per cardholder" a plain invariant instead of a race between two cards.
 */
public class Cardholder {

    @AggregateIdentifier
    private UUID cardholderId;
    private final Map<UUID, Card> cards = new HashMap<>();

    private record Card(CardStatus status, LocalDate expiresOn) {

        Card with(CardStatus newStatus) {
            return new Card(newStatus, expiresOn);
        }
    }

    protected Cardholder() {
        // required by Axon to rebuild the aggregate from its events
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(ProduceCard command, CardValidityPolicy validity, RenewalPolicy renewal) {
        LocalDate expiresOn = switch (command.caseType()) {
            case NEW -> {
                if (command.replacesCardId() != null) {
                    throw new IllegalArgumentException("a first card replaces no card");
                }
                yield validity.expiresOn(command.ageBand(), command.producedOn());
            }
            case RENEWAL -> {
                Card old = requireCard(command.replacesCardId(), "renew", CardStatus.ACTIVE);
                if (!renewal.isOpen(old.expiresOn(), command.producedOn())) {
                    throw new RenewalWindowClosed(old.status());
                }
                yield validity.expiresOn(command.ageBand(), command.producedOn());
            }
            case REPLACEMENT, UPDATE -> {
                String action = command.caseType() == CaseType.UPDATE ? "update" : "replace";
                Card old = command.caseType() == CaseType.UPDATE
                        ? requireCard(command.replacesCardId(), action, CardStatus.ACTIVE)
                        : requireCard(command.replacesCardId(), action, CardStatus.ACTIVE, CardStatus.REPORTED_LOST);
                if (old.expiresOn() != null && command.producedOn().isAfter(old.expiresOn())) {
                    throw new CardExpired(old.status());
                }
                yield old.expiresOn();
            }
        };
        boolean anotherActive = cards.entrySet().stream()
                .anyMatch(card -> card.getValue().status() == CardStatus.ACTIVE
                        && !card.getKey().equals(command.replacesCardId()));
        if (anotherActive) {
            throw new ActiveCardExists();
        }
        apply(new CardProduced(command.cardholderId(), command.cardId(), command.caseId(), command.caseType(),
                command.siteId(), command.cardNumber(), command.ageBand(), command.producedOn(), expiresOn,
                command.replacesCardId()));
        if (command.replacesCardId() != null) {
            apply(new CardSuperseded(command.cardholderId(), command.replacesCardId(), command.cardId(),
                    command.caseType(), command.producedOn()));
        }
    }

    @CommandHandler
    void handle(RevokeCard command) {
        requireCard(command.cardId(), "revoke", CardStatus.ACTIVE, CardStatus.REPORTED_LOST);
        apply(new CardRevoked(cardholderId, command.cardId(), command.reason(), command.revokedAt()));
    }

    @CommandHandler
    void handle(ReinstateCard command) {
        requireCard(command.cardId(), "reinstate", CardStatus.REVOKED);
        if (cards.values().stream().anyMatch(card -> card.status() == CardStatus.ACTIVE)) {
            throw new ActiveCardExists();
        }
        apply(new CardReinstated(cardholderId, command.cardId(), command.reinstatedAt()));
    }

    @CommandHandler
    void handle(ReportCardLost command) {
        requireCard(command.cardId(), "report-lost", CardStatus.ACTIVE);
        apply(new CardReportedLost(cardholderId, command.cardId(), command.reason(), command.reportedAt()));
    }

    private Card requireCard(UUID cardId, String action, CardStatus... allowed) {
        Card card = cardId == null ? null : cards.get(cardId);
        if (card == null) {
            throw new NotVisible("Card");
        }
        for (CardStatus status : allowed) {
            if (card.status() == status) {
                return card;
            }
        }
        throw new TransitionNotAllowed("card", card.status(), action);
    }

    @EventSourcingHandler
    void on(CardProduced event) {
        cardholderId = event.cardholderId();
        cards.put(event.cardId(), new Card(CardStatus.ACTIVE, event.expiresOn()));
    }

    @EventSourcingHandler
    void on(CardSuperseded event) {
        cards.computeIfPresent(event.cardId(), (id, card) -> card.with(CardStatus.SUPERSEDED));
    }

    @EventSourcingHandler
    void on(CardRevoked event) {
        cards.computeIfPresent(event.cardId(), (id, card) -> card.with(CardStatus.REVOKED));
    }

    @EventSourcingHandler
    void on(CardReinstated event) {
        cards.computeIfPresent(event.cardId(), (id, card) -> card.with(CardStatus.ACTIVE));
    }

    @EventSourcingHandler
    void on(CardReportedLost event) {
        cards.computeIfPresent(event.cardId(), (id, card) -> card.with(CardStatus.REPORTED_LOST));
    }
}
