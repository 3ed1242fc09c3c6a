package org.mincard.domain.retention;

import org.mincard.domain.cardholder.CardProduced;
import org.mincard.domain.cardholder.CardReinstated;
import org.mincard.domain.cardholder.CardReportedLost;
import org.mincard.domain.cardholder.CardRevoked;
import org.mincard.domain.cardholder.CardSuperseded;
import org.mincard.domain.cardholder.RenewalPolicy;
import org.mincard.domain.casefile.AppealGranted;
import org.mincard.domain.casefile.AppealUpheld;
import org.mincard.domain.casefile.ApplicantCheckedIn;
import org.mincard.domain.casefile.ApplicantDidNotShow;
import org.mincard.domain.casefile.CardDeliveryConfirmed;
import org.mincard.domain.casefile.CardHandedOver;
import org.mincard.domain.casefile.CardMailed;
import org.mincard.domain.casefile.CardMailingReturned;
import org.mincard.domain.casefile.CaseAbandoned;
import org.mincard.domain.casefile.CaseApproved;
import org.mincard.domain.casefile.CaseAssigned;
import org.mincard.domain.casefile.CaseCancelled;
import org.mincard.domain.casefile.CaseCardProduced;
import org.mincard.domain.casefile.CaseClaimed;
import org.mincard.domain.casefile.CaseDenied;
import org.mincard.domain.casefile.CaseEscalated;
import org.mincard.domain.casefile.CaseFileEvent;
import org.mincard.domain.casefile.CasePriorityLowered;
import org.mincard.domain.casefile.CasePriorityRaised;
import org.mincard.domain.casefile.CaseReleased;
import org.mincard.domain.casefile.CaseReturnedFromEscalation;
import org.mincard.domain.casefile.CaseSubmitted;
import org.mincard.domain.casefile.CaseWithdrawn;
import org.mincard.domain.casefile.DenialAppealed;
import org.mincard.domain.casefile.DocumentsReviewed;
import org.mincard.domain.personaldata.DataClass;
import org.mincard.domain.request.CounselReviewerAssigned;
import org.mincard.domain.request.DataRequestAnswered;
import org.mincard.domain.request.DataRequestDecided;
import org.mincard.domain.request.DataRequestHolderNotified;
import org.mincard.domain.request.DataRequestRegistered;
import org.mincard.domain.retention.RetentionFact.AppealState;
import org.mincard.domain.retention.RetentionFact.ClassSealed;
import org.mincard.domain.retention.RetentionFact.Occurred;
import org.mincard.domain.retention.RetentionFact.Purged;
import org.mincard.domain.retention.RetentionFact.Retracted;
import org.mincard.domain.retention.RetentionFact.SourceKind;
import org.mincard.domain.retention.RetentionFact.SourceOpened;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.mincard.domain.retention.RetentionTrigger.APPEAL_WINDOW_CLOSED;
import static org.mincard.domain.retention.RetentionTrigger.DECISION_MADE;

/** Translates lifecycle events into retention facts (docs/retention.md, "Triggers"). */
public final class RetentionFacts {

    /** Case events that close a case, and the retention trigger each one is. */
    private static final Map<Class<? extends CaseFileEvent>, RetentionTrigger> CLOSING = Map.of(
            CardHandedOver.class, RetentionTrigger.CARD_PICKED_UP,
            CardDeliveryConfirmed.class, RetentionTrigger.DELIVERY_CONFIRMED,
            CardMailingReturned.class, RetentionTrigger.MAIL_RETURNED,
            CaseWithdrawn.class, RetentionTrigger.CASE_WITHDRAWN,
            ApplicantDidNotShow.class, RetentionTrigger.APPLICANT_NO_SHOW,
            CaseAbandoned.class, RetentionTrigger.CASE_ABANDONED,
            CaseCancelled.class, RetentionTrigger.CASE_CANCELLED);

    /**
     * The events that mean nothing to retention: {@link #of} gives no facts for them. Every other event of the
     * sealed event families must give at least one (EventDispatchTest checks both), so a new event is either
     * translated here or declared irrelevant here, never silently dropped.
     */
    public static final Set<Class<?>> WITHOUT_FACTS = Set.of(
            ApplicantCheckedIn.class, CaseEscalated.class, CaseReturnedFromEscalation.class, CaseClaimed.class,
            CaseReleased.class, CaseAssigned.class, CasePriorityRaised.class, CasePriorityLowered.class,
            CardRevoked.class, CardReinstated.class, CardReportedLost.class,
            // Holds suspend purging through their own register, not through facts about a source.
            LegalHoldPlaced.class, LegalHoldReleased.class,
            DataRequestRegistered.class, CounselReviewerAssigned.class, DataRequestDecided.class,
            DataRequestHolderNotified.class, DataRequestAnswered.class);

    private final RenewalPolicy renewal;

    public RetentionFacts(RenewalPolicy renewal) {
        this.renewal = renewal;
    }

    /** The facts an event carries; none for events that do not matter to retention. */
    public List<RetentionFact> of(Object event) {
        List<RetentionFact> facts = new ArrayList<>();
        if (event instanceof CaseSubmitted e) {
            facts.add(new SourceOpened(e.caseId(), SourceKind.CASE, e.cardholderId(), e.siteId(),
                    date(e.submittedAt())));
            facts.add(new ClassSealed(e.caseId(), DataClass.CARD_RECORD, e.submittedAt()));
            if (e.contact() != null) {
                facts.add(new ClassSealed(e.caseId(), DataClass.CONTACT, e.submittedAt()));
            }
            if (e.delivery() != null) {
                facts.add(new ClassSealed(e.caseId(), DataClass.DELIVERY, e.submittedAt()));
            }
        } else if (event instanceof DocumentsReviewed e) {
            facts.add(new ClassSealed(e.caseId(), DataClass.REVIEW, e.reviewedAt()));
        } else if (event instanceof CardMailed e) {
            if (e.delivery() != null) {
                facts.add(new ClassSealed(e.caseId(), DataClass.DELIVERY, e.mailedAt()));
            }
        } else if (event instanceof CaseApproved e) {
            facts.add(occurred(e.caseId(), DECISION_MADE, e.occurredAt()));
        } else if (event instanceof CaseDenied e) {
            facts.add(occurred(e.caseId(), DECISION_MADE, e.deniedAt()));
            facts.add(occurred(e.caseId(), APPEAL_WINDOW_CLOSED, e.appealDeadline()));
            facts.add(new AppealState(e.caseId(), e.appealDeadline(), false));
        } else if (event instanceof DenialAppealed e) {
            facts.add(new Retracted(e.caseId(), APPEAL_WINDOW_CLOSED.name()));
            facts.add(new AppealState(e.caseId(), null, true));
        } else if (event instanceof AppealGranted e) {
            facts.add(occurred(e.caseId(), DECISION_MADE, e.decidedAt()));
            facts.add(new AppealState(e.caseId(), null, false));
        } else if (event instanceof AppealUpheld e) {
            facts.add(occurred(e.caseId(), DECISION_MADE, e.decidedAt()));
            facts.add(occurred(e.caseId(), APPEAL_WINDOW_CLOSED, e.decidedAt()));
            facts.add(new AppealState(e.caseId(), e.decidedAt(), false));
        } else if (event instanceof CaseCardProduced e) {
            facts.add(new Occurred(e.caseId(), ScheduleCalculator.SUBSUMED, e.occurredAt()));
        } else if (event instanceof CaseFileEvent e && CLOSING.containsKey(e.getClass())) {
            facts.add(occurred(e.caseId(), CLOSING.get(e.getClass()), e.occurredAt()));
        } else if (event instanceof CardProduced e) {
            facts.add(new SourceOpened(e.cardId(), SourceKind.CARD, e.cardholderId(), e.siteId(),
                    e.issuedOn()));
            facts.add(new ClassSealed(e.cardId(), DataClass.CARD_RECORD, start(e.issuedOn())));
            if (e.expiresOn() != null) {
                facts.add(occurred(e.cardId(), RetentionTrigger.CARD_LAPSED,
                        start(renewal.lapsesOn(e.expiresOn()))));
            }
        } else if (event instanceof CardSuperseded e) {
            facts.add(new Occurred(e.cardId(), ScheduleCalculator.SUBSUMED,
                start(e.supersededOn())));
        } else if (event instanceof PersonalDataPurged e) {
            facts.add(new Purged(e.cardholderId(), e.dataClass(), e.purgedAt(),
                e.ruleId()));
        }
        return facts;
    }

    private static Occurred occurred(UUID sourceId, RetentionTrigger trigger, Instant at) {
        return new Occurred(sourceId, trigger.name(), at);
    }

    private static LocalDate date(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC).toLocalDate();
    }

    private static Instant start(LocalDate date) {
        return date.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
