package org.mincard.domain.casefile;

import org.mincard.domain.personaldata.DataClass;
import org.mincard.domain.personaldata.KeyReference;
import org.mincard.domain.personaldata.SealedValue;
import org.mincard.domain.shared.Actor;
import org.mincard.domain.shared.ActorMetadataFormat;
import org.mincard.domain.shared.AgeBand;
import org.mincard.domain.shared.CaseType;
import org.mincard.domain.shared.Role;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Builds the events that bring a case into each state, for one case at one site. */
final class CaseFileFixtures {

    static final Instant T0 = Instant.parse("2026-03-02T14:00:00Z");
    static final PointsTally ENOUGH = new PointsTally(3, 1, true, true);
    static final PointsTally TOO_FEW = new PointsTally(2, 1, true, true);

    final UUID caseId = UUID.randomUUID();
    final UUID siteId = UUID.randomUUID();
    final UUID cardholderId = UUID.randomUUID();
    final UUID cardId = UUID.randomUUID();

    SealedValue sealed(DataClass dataClass) {
        return new SealedValue(new KeyReference(cardholderId, dataClass, 1), new byte[] {1, 2, 3, (byte) dataClass.ordinal()});
    }

    Instant at(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    Map<String, String> clerk() {
        return ActorMetadataFormat.of(new Actor("clerk-1", Role.CLERK, Set.of(siteId), false));
    }

    Map<String, String> clerk(String userId) {
        return ActorMetadataFormat.of(new Actor(userId, Role.CLERK, Set.of(siteId), false));
    }

    Map<String, String> supervisor() {
        return ActorMetadataFormat.of(new Actor("supervisor-1", Role.SUPERVISOR, Set.of(siteId), false));
    }

    Map<String, String> otherSiteClerk() {
        return ActorMetadataFormat.of(new Actor("clerk-2", Role.CLERK, Set.of(UUID.randomUUID()), false));
    }

    SubmitCase submitNew() {
        return new SubmitCase(caseId, CaseType.NEW, siteId, cardholderId, AgeBand.ADULT,
                sealed(DataClass.CARD_RECORD), sealed(DataClass.CONTACT), sealed(DataClass.DELIVERY), null, null, at(0));
    }

    CaseSubmitted submitted() {
        return new CaseSubmitted(caseId, CaseType.NEW, siteId, cardholderId, AgeBand.ADULT,
                sealed(DataClass.CARD_RECORD), sealed(DataClass.CONTACT), sealed(DataClass.DELIVERY), null, null, at(0));
    }

    CaseSubmitted submittedWithoutDelivery() {
        return new CaseSubmitted(caseId, CaseType.NEW, siteId, cardholderId, AgeBand.ADULT,
                sealed(DataClass.CARD_RECORD), null, null, null, null, at(0));
    }

    DocumentsReviewed reviewed(PointsTally tally) {
        return new DocumentsReviewed(caseId, sealed(DataClass.REVIEW), tally, PointsRule.DEFAULT.isMetBy(tally), at(20));
    }

    CaseDenied denied() {
        return new CaseDenied(caseId, DenialReason.INSUFFICIENT_DOCUMENTS, at(30), at(30).plus(Duration.ofDays(30)));
    }

    /** The events that bring a fresh case into {@code state}. */
    List<Object> historyOf(CaseState state) {
        List<Object> events = new ArrayList<>();
        switch (state) {
            case SUBMITTED -> events.add(submitted());
            case CHECKED_IN -> {
                events.addAll(historyOf(CaseState.SUBMITTED));
                events.add(new ApplicantCheckedIn(caseId, at(10)));
            }
            case UNDER_REVIEW -> {
                events.addAll(historyOf(CaseState.CHECKED_IN));
                events.add(reviewed(ENOUGH));
            }
            case SUPERVISOR_REVIEW -> {
                events.addAll(historyOf(CaseState.UNDER_REVIEW));
                events.add(new CaseEscalated(caseId, EscalationReason.POLICY_QUESTION, at(25)));
            }
            case APPROVED -> {
                events.addAll(historyOf(CaseState.UNDER_REVIEW));
                events.add(new CaseApproved(caseId, at(30)));
            }
            case DENIED -> {
                events.addAll(historyOf(CaseState.UNDER_REVIEW));
                events.add(denied());
            }
            case APPEALED -> {
                events.addAll(historyOf(CaseState.DENIED));
                events.add(new DenialAppealed(caseId, at(40)));
            }
            case CARD_PRODUCED -> {
                events.addAll(historyOf(CaseState.APPROVED));
                events.add(new CaseCardProduced(caseId, cardholderId, cardId, at(50)));
            }
            case MAILED -> {
                events.addAll(historyOf(CaseState.CARD_PRODUCED));
                events.add(new CardMailed(caseId, null, at(60)));
            }
            case RETURNED -> {
                events.addAll(historyOf(CaseState.MAILED));
                events.add(new CardMailingReturned(caseId, at(70)));
            }
            case HANDED_OVER -> {
                events.addAll(historyOf(CaseState.CARD_PRODUCED));
                events.add(new CardHandedOver(caseId, at(60)));
            }
            case DELIVERED -> {
                events.addAll(historyOf(CaseState.MAILED));
                events.add(new CardDeliveryConfirmed(caseId, at(70)));
            }
            case DENIAL_UPHELD -> {
                events.addAll(historyOf(CaseState.APPEALED));
                events.add(new AppealUpheld(caseId, at(50)));
            }
            case WITHDRAWN -> {
                events.addAll(historyOf(CaseState.SUBMITTED));
                events.add(new CaseWithdrawn(caseId, at(5)));
            }
            case NO_SHOW -> {
                events.addAll(historyOf(CaseState.SUBMITTED));
                events.add(new ApplicantDidNotShow(caseId, at(5)));
            }
            case ABANDONED -> {
                events.addAll(historyOf(CaseState.CHECKED_IN));
                events.add(new CaseAbandoned(caseId, at(15)));
            }
            case CANCELLED -> {
                events.addAll(historyOf(CaseState.SUBMITTED));
                events.add(new CaseCancelled(caseId, CancellationReason.ENTERED_IN_ERROR, at(5)));
            }
        }
        return events;
    }
}
