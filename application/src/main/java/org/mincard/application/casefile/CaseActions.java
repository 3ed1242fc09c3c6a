package org.mincard.application.casefile;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.mincard.domain.casefile.AbandonCase;
import org.mincard.domain.casefile.AppealDenial;
import org.mincard.domain.casefile.ApproveCase;
import org.mincard.domain.casefile.CancelCase;
import org.mincard.domain.casefile.CancellationReason;
import org.mincard.domain.casefile.CaseAssignment;
import org.mincard.domain.casefile.CaseState;
import org.mincard.domain.casefile.CheckInApplicant;
import org.mincard.domain.casefile.ClaimCase;
import org.mincard.domain.casefile.ConfirmDelivery;
import org.mincard.domain.casefile.DecideAppeal;
import org.mincard.domain.casefile.DenialReason;
import org.mincard.domain.casefile.DenyCase;
import org.mincard.domain.casefile.DocumentType;
import org.mincard.domain.casefile.EscalateCase;
import org.mincard.domain.casefile.EscalationReason;
import org.mincard.domain.casefile.HandOverCard;
import org.mincard.domain.casefile.MailCard;
import org.mincard.domain.casefile.MarkCardReturned;
import org.mincard.domain.casefile.MarkNoShow;
import org.mincard.domain.casefile.PointsTally;
import org.mincard.domain.casefile.RecordDocumentReview;
import org.mincard.domain.casefile.ReleaseCase;
import org.mincard.domain.casefile.ReturnFromEscalation;
import org.mincard.domain.casefile.WithdrawCase;
import org.mincard.domain.personaldata.Delivery;
import org.mincard.domain.personaldata.PersonalDataSealer;
import org.mincard.domain.personaldata.Review;
import org.mincard.domain.shared.Actor;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * The case lifecycle's actions as the API and the console both send them: each builds the domain command with the
 * business time from the service's clock (and the appeal window, the sealed review or delivery address where the
 * command needs them) and sends it through the command gateway, answering the state the case is in afterwards.
 * Personal data is sealed for the cardholder found through the command-side lookup, never the case view (ADR 0019).
 */
@Component
public class CaseActions {

    private final CommandGateway commands;
    private final CaseLookup lookup;
    private final CardProduction production;
    private final PersonalDataSealer sealer;
    private final LifecycleProperties lifecycle;
    private final Clock clock;

    CaseActions(CommandGateway commands, CaseLookup lookup, CardProduction production, PersonalDataSealer sealer,
                LifecycleProperties lifecycle, Clock clock) {
        this.commands = commands;
        this.lookup = lookup;
        this.production = production;
        this.sealer = sealer;
        this.lifecycle = lifecycle;
        this.clock = clock;
    }

    public CaseState checkIn(UUID caseId) {
        return send(at -> new CheckInApplicant(caseId, at));
    }

    /** Seals the presented document types (never numbers or images) with the notes, and records their points. */
    public CaseState review(UUID caseId, Actor actor, List<DocumentType> types, String attestation,
                            String clerkNotes) {
        var review = sealer.seal(lookup.require(caseId, actor).cardholderId(), new Review(
                types.stream().map(type -> new Review.DocumentPresented(type.code())).toList(), attestation,
                clerkNotes));
        return send(at -> new RecordDocumentReview(caseId, review, PointsTally.of(types), at));
    }

    public CaseState escalate(UUID caseId, EscalationReason reason) {
        return send(at -> new EscalateCase(caseId, reason, at));
    }

    public CaseState returnFromEscalation(UUID caseId) {
        return send(at -> new ReturnFromEscalation(caseId, at));
    }

    public CaseState approve(UUID caseId) {
        return send(at -> new ApproveCase(caseId, at));
    }

    /** Denies with a reason code; the appeal window runs from now. */
    public CaseState deny(UUID caseId, DenialReason reason) {
        return send(at -> new DenyCase(caseId, reason, at, at.plus(lifecycle.appealWindow())));
    }

    public CaseState appeal(UUID caseId) {
        return send(at -> new AppealDenial(caseId, at));
    }

    public CaseState decideAppeal(UUID caseId, boolean granted) {
        return send(at -> new DecideAppeal(caseId, granted, at));
    }

    public CaseState produceCard(UUID caseId, Actor actor) {
        return production.produce(caseId, actor);
    }

    /** Mails the card to the address given now, or (null) to the one given at submission. */
    public CaseState mail(UUID caseId, Actor actor, Delivery delivery) {
        var sealed = delivery == null ? null : sealer.seal(lookup.require(caseId, actor).cardholderId(), delivery);
        return send(at -> new MailCard(caseId, sealed, at));
    }

    public CaseState confirmDelivery(UUID caseId) {
        return send(at -> new ConfirmDelivery(caseId, at));
    }

    public CaseState markReturned(UUID caseId) {
        return send(at -> new MarkCardReturned(caseId, at));
    }

    public CaseState handOver(UUID caseId) {
        return send(at -> new HandOverCard(caseId, at));
    }

    public CaseState withdraw(UUID caseId) {
        return send(at -> new WithdrawCase(caseId, at));
    }

    public CaseState markNoShow(UUID caseId) {
        return send(at -> new MarkNoShow(caseId, at));
    }

    public CaseState abandon(UUID caseId) {
        return send(at -> new AbandonCase(caseId, at));
    }

    public CaseState cancel(UUID caseId, CancellationReason reason) {
        return send(at -> new CancelCase(caseId, reason, at));
    }

    /** Claims the case for the acting clerk; its state does not change. */
    public CaseAssignment claim(UUID caseId) {
        return commands.sendAndWait(new ClaimCase(caseId, clock.instant()));
    }

    /** Gives the case back to its queue; its state does not change. */
    public CaseAssignment release(UUID caseId) {
        return commands.sendAndWait(new ReleaseCase(caseId, clock.instant()));
    }

    private CaseState send(Function<Instant, Object> command) {
        return commands.sendAndWait(command.apply(clock.instant()));
    }
}
