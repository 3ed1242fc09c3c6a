package org.mincard.domain.request;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.mincard.domain.shared.Actor;
import org.mincard.domain.shared.Role;
import org.mincard.domain.shared.TransitionNotAllowed;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One third-party or legal request for records in the register: who asked, under which instrument, for what scope,
 * counsel's review, the decision, whether holders were told, and when the requester was answered. Only records
 * officers write the register (as the API allows).
 */
public class DataRequest {

    @AggregateIdentifier
    private UUID requestId;
    private DataRequestState state;
    private LocalDate receivedOn;
    private String counselReviewerId;
    private boolean holderNotified;

    protected DataRequest() {
        // required by Axon to rebuild the aggregate from its events
    }

    @CommandHandler
    DataRequest(RegisterDataRequest command, Actor actor) {
        requireOfficer(actor, "register a data request");
        apply(new DataRequestRegistered(command.requestId(), command.requesterType(), command.instrument(),
                command.scope().caseIds(), command.scope().subjectIds(), command.scope().records(),
                command.receivedOn()));
    }

    @CommandHandler
    void handle(AssignCounselReviewer command, Actor actor) {
        requireOfficer(actor, "assign counsel");
        require(DataRequestState.REGISTERED, "assign counsel");
        if (!CounselReviewerId.isWellFormed(command.counselReviewerId())) {
            throw new IllegalArgumentException("counselReviewerId: must be a staff user id (1-128 letters, digits"
                    + " or . _ : -), not a name or an e-mail address");
        }
        apply(new CounselReviewerAssigned(requestId, command.counselReviewerId()));
    }

    @CommandHandler
    void handle(DecideDataRequest command, Actor actor) {
        requireOfficer(actor, "decide a data request");
        require(DataRequestState.REGISTERED, "decide");
        if (counselReviewerId == null) {
            throw new CounselReviewMissing();
        }
        notBefore(command.decidedOn(), "decidedOn");
        apply(new DataRequestDecided(requestId, command.decision(), counselReviewerId, command.decidedOn()));
    }

    @CommandHandler
    void handle(RecordHolderNotified command, Actor actor) {
        requireOfficer(actor, "record a holder notification");
        if (holderNotified) {
            throw new TransitionNotAllowed("request", state, "record holder notification again");
        }
        notBefore(command.notifiedOn(), "notifiedOn");
        apply(new DataRequestHolderNotified(requestId, command.notifiedOn()));
    }

    @CommandHandler
    void handle(RecordDataRequestAnswered command, Actor actor) {
        requireOfficer(actor, "record an answer");
        require(DataRequestState.DECIDED, "record the answer");
        notBefore(command.respondedOn(), "respondedOn");
        apply(new DataRequestAnswered(requestId, command.respondedOn(),
                ChronoUnit.DAYS.between(receivedOn, command.respondedOn())));
    }

    private void requireOfficer(Actor actor, String what) {
        actor.requireRole(what, state, Role.RECORDS_OFFICER);
    }

    private void require(DataRequestState expected, String action) {
        if (state != expected) {
            throw new TransitionNotAllowed("request", state, action);
        }
    }

    private void notBefore(LocalDate date, String field) {
        if (date.isBefore(receivedOn)) {
            throw new DateBeforeReceipt(field, state);
        }
    }

    @EventSourcingHandler
    void on(DataRequestRegistered event) {
        requestId = event.requestId();
        receivedOn = event.receivedOn();
        state = DataRequestState.REGISTERED;
    }

    @EventSourcingHandler
    void on(CounselReviewerAssigned event) {
        counselReviewerId = event.counselReviewerId();
    }

    @EventSourcingHandler
    void on(DataRequestDecided event) {
        state = DataRequestState.DECIDED;
    }

    @EventSourcingHandler
    void on(DataRequestHolderNotified event) {
        holderNotified = true;
    }

    @EventSourcingHandler
    void on(DataRequestAnswered event) {
        state = DataRequestState.ANSWERED;
    }
}
