package org.mincard.domain.cardholder;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.mincard.domain.shared.Actor;
import org.mincard.domain.shared.CaseType;
import org.mincard.domain.shared.NotVisible;
import org.mincard.domain.shared.PermissionDenied;
import org.mincard.domain.shared.Role;
import org.mincard.domain.shared.TransitionNotAllowed;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A cardholder and their cards. Holding every card of one person in one aggregate keeps the rule "at most one
 * active card per cardholder" a plain invariant instead of a race between two cards. Every command names its actor;
 * card actions check the same roles and sites the API does (docs/security.md, "Who decides what").
 */
public class Cardholder {

    @AggregateIdentifier
    private UUID cardholderId;
    private final Map<UUID, Card> cards = new HashMap<>();

    /** A card: its status, expiry, and the site that produced it (who may act on it, as for cases). */
    private record Card(CardStatus status, LocalDate expiresOn, UUID siteId) {

        Card with(CardStatus newStatus) {
            return new Card(newStatus, expiresOn, siteId);
        }
    }

    protected Cardholder() {
        // required by Axon to rebuild the aggregate from its events
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(ProduceCard command, Actor actor, CardValidityPolicy validity, RenewalPolicy renewal) {
        // Imports produce cards as the system actor; people at the case's site, as the API allows.
        if (!actor.isSystem() && !actor.isSiteScoped()) {
            throw new PermissionDenied("Only clerks and supervisors produce cards.", null);
        }
        if (!actor.worksAt(command.siteId())) {
            throw new PermissionDenied("Cards can only be produced at a site you work at.", null);
        }
        LocalDate expiresOn;
        if (command.caseType() == CaseType.NEW) {
            if (command.replacesCardId() != null) {
                throw new IllegalArgumentException("a first card replaces no card");
            }
            expiresOn = validity.expiresOn(command.ageBand(), command.producedOn());
        } else {
            // The card worked on may come from another site: a cardholder may renew or replace anywhere.
            Card old = cards.get(command.replacesCardId());
            if (command.replacesCardId() == null || old == null) {
                throw new NotVisible("Card");
            }
            new CardEligibility(renewal).require(command.caseType(), old.status(), old.expiresOn(),
                    command.producedOn());
            expiresOn = command.caseType() == CaseType.RENEWAL
                    ? validity.expiresOn(command.ageBand(), command.producedOn())
                    : old.expiresOn();
        }
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
    void handle(RevokeCard command, Actor actor) {
        Card card = requireCard(actor, command.cardId(), "revoke", CardStatus.ACTIVE, CardStatus.REPORTED_LOST);
        actor.requireRole("revoke a card", card.status(), Role.SUPERVISOR);
        apply(new CardRevoked(cardholderId, command.cardId(), command.reason(), command.revokedAt()));
    }

    @CommandHandler
    void handle(ReinstateCard command, Actor actor) {
        Card card = requireCard(actor, command.cardId(), "reinstate", CardStatus.REVOKED);
        actor.requireRole("reinstate a card", card.status(), Role.SUPERVISOR);
        if (cards.values().stream().anyMatch(other -> other.status() == CardStatus.ACTIVE)) {
            throw new ActiveCardExists();
        }
        apply(new CardReinstated(cardholderId, command.cardId(), command.reinstatedAt()));
    }

    @CommandHandler
    void handle(ReportCardLost command, Actor actor) {
        Card card = requireCard(actor, command.cardId(), "report-lost", CardStatus.ACTIVE);
        actor.requireRole("report a card lost", card.status(), Role.CLERK, Role.SUPERVISOR);
        apply(new CardReportedLost(cardholderId, command.cardId(), command.reason(), command.reportedAt()));
    }

    /**
     * The card, if the actor may see it: a card of another site is answered like a card that does not exist
     * (as cases are), before its status is revealed.
     */
    private Card requireCard(Actor actor, UUID cardId, String action, CardStatus... allowed) {
        Card card = cardId == null ? null : cards.get(cardId);
        if (card == null || !actor.canSee(card.siteId())) {
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
        cards.put(event.cardId(), new Card(CardStatus.ACTIVE, event.expiresOn(), event.siteId()));
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
