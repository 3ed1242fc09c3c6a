package org.mincard.domain.retention;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.mincard.domain.shared.Actor;
import org.mincard.domain.shared.Role;

import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A legal hold: placed once, released once. While placed, nothing in its scope is purged. Only records officers
 * place and release holds (as the API allows).
 */
public class LegalHold {

    @AggregateIdentifier
    private UUID holdId;
    private boolean released;

    protected LegalHold() {
        // required by Axon to rebuild the aggregate from its events
    }

    @CommandHandler
    LegalHold(PlaceLegalHold command, Actor actor) {
        actor.requireRole("place a legal hold", null, Role.RECORDS_OFFICER);
        apply(new LegalHoldPlaced(command.holdId(), command.scope(), command.reason(), command.authority(),
                command.placedAt()));
    }

    @CommandHandler
    void handle(ReleaseLegalHold command, Actor actor) {
        actor.requireRole("release a legal hold", null, Role.RECORDS_OFFICER);
        if (released) {
            throw new LegalHoldAlreadyReleased();
        }
        apply(new LegalHoldReleased(command.holdId(), command.authority(), command.releasedAt()));
    }

    @EventSourcingHandler
    void on(LegalHoldPlaced event) {
        holdId = event.holdId();
    }

    @EventSourcingHandler
    void on(LegalHoldReleased event) {
        released = true;
    }
}
