package org.mincard.domain.casefile;

import java.util.Map;
import java.util.Set;

/** Where a case stands in its lifecycle. */
public enum CaseState {
    SUBMITTED,
    CHECKED_IN,
    UNDER_REVIEW,
    SUPERVISOR_REVIEW,
    APPROVED,
    DENIED,
    APPEALED,
    CARD_PRODUCED,
    MAILED,
    RETURNED,
    /** Closed: the card was handed over on site (also after a returned mailing was picked up). */
    HANDED_OVER,
    /** Closed: the mailed card was delivered. */
    DELIVERED,
    /** Closed: the denial stands after appeal. */
    DENIAL_UPHELD,
    WITHDRAWN,
    NO_SHOW,
    ABANDONED,
    CANCELLED;

    /**
     * The one state-transition table: the state a case is in right after each event that moves it. The aggregate,
     * the read models and the retention rules all follow it; an event missing here and from {@link #KEEPS_STATE}
     * fails class initialisation, so it cannot be forgotten at run time inside a processor.
     */
    private static final Map<Class<? extends CaseFileEvent>, CaseState> AFTER = Map.ofEntries(
            Map.entry(CaseSubmitted.class, SUBMITTED),
            Map.entry(ApplicantCheckedIn.class, CHECKED_IN),
            Map.entry(DocumentsReviewed.class, UNDER_REVIEW),
            Map.entry(CaseEscalated.class, SUPERVISOR_REVIEW),
            Map.entry(CaseReturnedFromEscalation.class, UNDER_REVIEW),
            Map.entry(CaseApproved.class, APPROVED),
            Map.entry(CaseDenied.class, DENIED),
            Map.entry(DenialAppealed.class, APPEALED),
            Map.entry(AppealGranted.class, APPROVED),
            Map.entry(AppealUpheld.class, DENIAL_UPHELD),
            Map.entry(CaseCardProduced.class, CARD_PRODUCED),
            Map.entry(CardMailed.class, MAILED),
            Map.entry(CardDeliveryConfirmed.class, DELIVERED),
            Map.entry(CardMailingReturned.class, RETURNED),
            Map.entry(CardHandedOver.class, HANDED_OVER),
            Map.entry(CaseWithdrawn.class, WITHDRAWN),
            Map.entry(ApplicantDidNotShow.class, NO_SHOW),
            Map.entry(CaseAbandoned.class, ABANDONED),
            Map.entry(CaseCancelled.class, CANCELLED));

    /** Events that change who works a case or how urgently, but not where it stands. */
    private static final Set<Class<? extends CaseFileEvent>> KEEPS_STATE = Set.of(
            CaseClaimed.class, CaseReleased.class, CaseAssigned.class, CasePriorityRaised.class,
            CasePriorityLowered.class);

    static {
        for (Class<?> event : CaseFileEvent.class.getPermittedSubclasses()) {
            if (AFTER.containsKey(event) == KEEPS_STATE.contains(event)) {
                throw new IllegalStateException("case event " + event.getSimpleName()
                        + " must be in exactly one of CaseState.AFTER and CaseState.KEEPS_STATE");
            }
        }
    }

    /** False for events that change who works a case or how urgently, but not where it stands. */
    public static boolean changesState(CaseFileEvent event) {
        return AFTER.containsKey(event.getClass());
    }

    /**
     * The state a case is in right after {@code event}; read models use it to follow the aggregate. Only for events
     * that {@link #changesState change the state}.
     */
    public static CaseState after(CaseFileEvent event) {
        CaseState next = AFTER.get(event.getClass());
        if (next == null) {
            throw new IllegalArgumentException(event.getClass().getSimpleName() + " does not change a case's state");
        }
        return next;
    }

    /** The state after {@code event} for a case in {@code current}: the same state for events that keep it. */
    public static CaseState after(CaseState current, CaseFileEvent event) {
        return AFTER.getOrDefault(event.getClass(), current);
    }

    /**
     * True while the case waits for staff work, i.e. sits in a work queue: open, and not a denial waiting for a
     * possible appeal (nothing is to be done unless the applicant appeals).
     */
    public boolean isWorkable() {
        return !isClosed() && this != DENIED;
    }

    /** True when no further lifecycle action is possible, except appealing a denial (see {@link #DENIED}). */
    public boolean isClosed() {
        return switch (this) {
            case HANDED_OVER, DELIVERED, DENIAL_UPHELD, WITHDRAWN, NO_SHOW, ABANDONED, CANCELLED -> true;
            default -> false;
        };
    }
}
