package org.mincard.domain.casefile;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.mincard.domain.personaldata.DataClass;
import org.mincard.domain.personaldata.SealedValue;
import org.mincard.domain.shared.Actor;
import org.mincard.domain.shared.NotVisible;
import org.mincard.domain.shared.PermissionDenied;
import org.mincard.domain.shared.Role;
import org.mincard.domain.shared.TransitionNotAllowed;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.mincard.domain.casefile.CaseState.APPEALED;
import static org.mincard.domain.casefile.CaseState.APPROVED;
import static org.mincard.domain.casefile.CaseState.CARD_PRODUCED;
import static org.mincard.domain.casefile.CaseState.CHECKED_IN;
import static org.mincard.domain.casefile.CaseState.DENIED;
import static org.mincard.domain.casefile.CaseState.MAILED;
import static org.mincard.domain.casefile.CaseState.RETURNED;
import static org.mincard.domain.casefile.CaseState.SUBMITTED;
import static org.mincard.domain.casefile.CaseState.SUPERVISOR_REVIEW;
import static org.mincard.domain.casefile.CaseState.UNDER_REVIEW;

/**
 * A case: one unit of clerk work, from submission to hand-over of the card or to its closing decision.
 * Every command names its actor in metadata (a command without one is refused before it gets here); actors only ever
 * see and act on cases of their own sites. The system actor sees every site but is no supervisor and claims nothing.
 * Command handlers answer the state the case is in afterwards.
 */
public class CaseFile {

    private static final Set<CaseState> WITHDRAWABLE =
            EnumSet.of(SUBMITTED, CHECKED_IN, UNDER_REVIEW, SUPERVISOR_REVIEW, APPROVED, APPEALED);
    private static final Set<CaseState> ABANDONABLE =
            EnumSet.of(CHECKED_IN, UNDER_REVIEW, SUPERVISOR_REVIEW, CARD_PRODUCED, RETURNED);
    private static final Set<CaseState> CANCELLABLE =
            EnumSet.of(SUBMITTED, CHECKED_IN, UNDER_REVIEW, SUPERVISOR_REVIEW, APPROVED, APPEALED);

    private static final Set<CaseState> WORKABLE = EnumSet.copyOf(
            Arrays.stream(CaseState.values()).filter(CaseState::isWorkable).toList());

    @AggregateIdentifier
    private UUID caseId;
    private UUID siteId;
    private UUID cardholderId;
    private CaseState state;
    private boolean pointsRuleMet;
    private boolean hasDeliveryAddress;
    private Instant appealDeadline;
    private String assignee;
    private Priority priority = Priority.NORMAL;

    protected CaseFile() {
        // required by Axon to rebuild the aggregate from its events
    }

    @CommandHandler
    public CaseFile(SubmitCase command, Actor actor) {
        if (!actor.worksAt(command.siteId())) {
            throw new PermissionDenied("Cases can only be submitted at a site you work at.", null);
        }
        requireSealed(command.cardRecord(), command.cardholderId(), DataClass.CARD_RECORD, "cardRecord", null);
        requireSealed(command.contact(), command.cardholderId(), DataClass.CONTACT, "contact", null);
        requireSealed(command.delivery(), command.cardholderId(), DataClass.DELIVERY, "delivery", null);
        apply(new CaseSubmitted(command.caseId(), command.type(), command.siteId(), command.cardholderId(),
                command.ageBand(), command.cardRecord(), command.contact(), command.delivery(),
                command.previousCardId(), command.replacementReason(), command.submittedAt()));
    }

    @CommandHandler
    CaseState handle(CheckInApplicant command, Actor actor) {
        require(actor, "check-in", SUBMITTED);
        apply(new ApplicantCheckedIn(caseId, command.checkedInAt()));
        return state;
    }

    @CommandHandler
    CaseState handle(RecordDocumentReview command, Actor actor, PointsRule pointsRule) {
        require(actor, "review", CHECKED_IN, UNDER_REVIEW);
        requireSealed(command.review(), cardholderId, DataClass.REVIEW, "review", state);
        apply(new DocumentsReviewed(caseId, command.review(), command.tally(),
                pointsRule.isMetBy(command.tally()), command.reviewedAt()));
        return state;
    }

    @CommandHandler
    CaseState handle(EscalateCase command, Actor actor) {
        require(actor, "escalate", UNDER_REVIEW);
        apply(new CaseEscalated(caseId, command.reason(), command.escalatedAt()));
        return state;
    }

    @CommandHandler
    CaseState handle(ReturnFromEscalation command, Actor actor) {
        require(actor, "return-from-escalation", SUPERVISOR_REVIEW);
        requireSupervisor(actor, "return an escalated case");
        apply(new CaseReturnedFromEscalation(caseId, command.returnedAt()));
        return state;
    }

    @CommandHandler
    CaseState handle(ApproveCase command, Actor actor) {
        require(actor, "approve", UNDER_REVIEW, SUPERVISOR_REVIEW);
        if (state == SUPERVISOR_REVIEW) {
            // A supervisor may approve an escalated case on an attestation where documents fall short.
            requireSupervisor(actor, "approve an escalated case");
        } else if (!pointsRuleMet) {
            throw new PointsRuleNotMet(state);
        }
        apply(new CaseApproved(caseId, command.approvedAt()));
        return state;
    }

    @CommandHandler
    CaseState handle(DenyCase command, Actor actor) {
        require(actor, "deny", UNDER_REVIEW, SUPERVISOR_REVIEW);
        if (state == SUPERVISOR_REVIEW) {
            requireSupervisor(actor, "deny an escalated case");
        }
        if (!command.appealDeadline().isAfter(command.deniedAt())) {
            throw new IllegalArgumentException("the appeal deadline must be after the denial");
        }
        apply(new CaseDenied(caseId, command.reason(), command.deniedAt(), command.appealDeadline()));
        return state;
    }

    @CommandHandler
    CaseState handle(AppealDenial command, Actor actor) {
        require(actor, "appeal", DENIED);
        if (command.appealedAt().isAfter(appealDeadline)) {
            throw new AppealWindowClosed(state);
        }
        apply(new DenialAppealed(caseId, command.appealedAt()));
        return state;
    }

    @CommandHandler
    CaseState handle(DecideAppeal command, Actor actor) {
        require(actor, "decide-appeal", APPEALED);
        requireSupervisor(actor, "decide an appeal");
        apply(command.granted()
                ? new AppealGranted(caseId, command.decidedAt())
                : new AppealUpheld(caseId, command.decidedAt()));
        return state;
    }

    @CommandHandler
    CaseState handle(RecordCardProduction command, Actor actor) {
        require(actor, "produce-card", APPROVED);
        apply(new CaseCardProduced(caseId, cardholderId, command.cardId(), command.producedAt()));
        return state;
    }

    @CommandHandler
    CaseState handle(MailCard command, Actor actor) {
        require(actor, "mail", CARD_PRODUCED);
        requireSealed(command.delivery(), cardholderId, DataClass.DELIVERY, "delivery", state);
        if (command.delivery() == null && !hasDeliveryAddress) {
            throw new DeliveryAddressMissing(state);
        }
        apply(new CardMailed(caseId, command.delivery(), command.mailedAt()));
        return state;
    }

    @CommandHandler
    CaseState handle(ConfirmDelivery command, Actor actor) {
        require(actor, "confirm-delivery", MAILED);
        apply(new CardDeliveryConfirmed(caseId, command.deliveredAt()));
        return state;
    }

    @CommandHandler
    CaseState handle(MarkCardReturned command, Actor actor) {
        require(actor, "mark-returned", MAILED);
        apply(new CardMailingReturned(caseId, command.returnedAt()));
        return state;
    }

    @CommandHandler
    CaseState handle(HandOverCard command, Actor actor) {
        require(actor, "hand-over", CARD_PRODUCED, RETURNED);
        apply(new CardHandedOver(caseId, command.handedOverAt()));
        return state;
    }

    @CommandHandler
    CaseState handle(WithdrawCase command, Actor actor) {
        require(actor, "withdraw", WITHDRAWABLE);
        apply(new CaseWithdrawn(caseId, command.withdrawnAt()));
        return state;
    }

    @CommandHandler
    CaseState handle(MarkNoShow command, Actor actor) {
        require(actor, "mark-no-show", SUBMITTED);
        apply(new ApplicantDidNotShow(caseId, command.recordedAt()));
        return state;
    }

    @CommandHandler
    CaseState handle(AbandonCase command, Actor actor) {
        require(actor, "abandon", ABANDONABLE);
        apply(new CaseAbandoned(caseId, command.abandonedAt()));
        return state;
    }

    @CommandHandler
    CaseState handle(CancelCase command, Actor actor) {
        require(actor, "cancel", CANCELLABLE);
        apply(new CaseCancelled(caseId, command.reason(), command.cancelledAt()));
        return state;
    }

    @CommandHandler
    CaseAssignment handle(ClaimCase command, Actor actor) {
        requireWorkable(actor, "claim");
        if (!actor.isSiteScoped()) {
            throw new PermissionDenied("Only clerks and supervisors claim cases.", state);
        }
        if (!actor.userId().equals(assignee)) {
            apply(new CaseClaimed(caseId, actor.userId(), command.claimedAt()));
        }
        return assignment();
    }

    @CommandHandler
    CaseAssignment handle(ReleaseCase command, Actor actor) {
        requireWorkable(actor, "release");
        if (assignee != null) {
            apply(new CaseReleased(caseId, assignee, command.releasedAt()));
        }
        return assignment();
    }

    @CommandHandler
    CaseAssignment handle(AssignCase command, Actor actor) {
        requireWorkable(actor, "assign");
        requireSupervisor(actor, "assign or reassign a case");
        if (!command.clerkId().equals(assignee)) {
            apply(new CaseAssigned(caseId, command.clerkId(), assignee, command.assignedAt()));
        }
        return assignment();
    }

    @CommandHandler
    CaseAssignment handle(SetCasePriority command, Actor actor) {
        requireWorkable(actor, "set-priority");
        requireSupervisor(actor, "change a case's priority");
        int direction = command.priority().compareTo(priority);
        if (direction > 0) {
            apply(new CasePriorityRaised(caseId, command.priority(), command.changedAt()));
        } else if (direction < 0) {
            apply(new CasePriorityLowered(caseId, command.priority(), command.changedAt()));
        }
        return assignment();
    }

    private CaseAssignment assignment() {
        return new CaseAssignment(assignee, priority);
    }

    private void requireWorkable(Actor actor, String action) {
        require(actor, action, WORKABLE);
    }

    private void require(Actor actor, String action, CaseState... allowed) {
        require(actor, action, allowed.length == 0 ? EnumSet.noneOf(CaseState.class) : EnumSet.of(allowed[0], allowed));
    }

    private void require(Actor actor, String action, Set<CaseState> allowed) {
        if (!actor.canSee(siteId)) {
            throw new NotVisible("Case " + caseId);
        }
        if (!allowed.contains(state)) {
            throw new TransitionNotAllowed("case", state, action);
        }
        // Clerks work only their own or unassigned cases; supervisors may act on any case of their sites.
        if (actor.role() == Role.CLERK && assignee != null && !assignee.equals(actor.userId())) {
            throw new AssignedToAnotherClerk(state);
        }
    }

    private void requireSupervisor(Actor actor, String what) {
        if (actor.role() != Role.SUPERVISOR) {
            throw new PermissionDenied("Only a supervisor may " + what + ".", state);
        }
    }

    private static void requireSealed(SealedValue value, UUID subjectId, DataClass dataClass, String field,
                                      CaseState state) {
        if (value != null && !value.isFor(subjectId, dataClass)) {
            throw new SealedValueMismatch(field, state == null ? null : state.name());
        }
    }

    /**
     * One handler for every case event: where the case stands comes from {@link CaseState}'s transition table; the
     * few events that carry something later commands check are picked up here as well.
     */
    @EventSourcingHandler
    void on(CaseFileEvent event) {
        state = CaseState.after(state, event);
        if (event instanceof CaseSubmitted submitted) {
            caseId = submitted.caseId();
            siteId = submitted.siteId();
            cardholderId = submitted.cardholderId();
            hasDeliveryAddress = submitted.delivery() != null;
        } else if (event instanceof DocumentsReviewed reviewed) {
            pointsRuleMet = reviewed.meetsPointsRule();
        } else if (event instanceof CaseDenied denied) {
            appealDeadline = denied.appealDeadline();
        } else if (event instanceof CardMailed mailed) {
            hasDeliveryAddress |= mailed.delivery() != null;
        } else if (event instanceof CaseClaimed claimed) {
            assignee = claimed.clerkId();
        } else if (event instanceof CaseAssigned assigned) {
            assignee = assigned.clerkId();
        } else if (event instanceof CaseReleased) {
            assignee = null;
        } else if (event instanceof CasePriorityRaised raised) {
            priority = raised.priority();
        } else if (event instanceof CasePriorityLowered lowered) {
            priority = lowered.priority();
        }
    }
}
