package org.mincard.domain.casefile;

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

    /** False for events that change who works a case or how urgently, but not where it stands. */
    public static boolean changesState(CaseFileEvent event) {
        return !(event instanceof CaseClaimed || event instanceof CaseReleased || event instanceof CaseAssigned
                || event instanceof CasePriorityRaised || event instanceof CasePriorityLowered);
    }

    /**
     * The state a case is in right after {@code event}; read models use it to follow the aggregate. Only for events
     * that {@link #changesState change the state}.
     */
    public static CaseState after(CaseFileEvent event) {
        if (event instanceof CaseSubmitted) {
            return SUBMITTED;
        } else if (event instanceof ApplicantCheckedIn) {
            return CHECKED_IN;
        } else if (event instanceof DocumentsReviewed || event instanceof CaseReturnedFromEscalation) {
            return UNDER_REVIEW;
        } else if (event instanceof CaseEscalated) {
            return SUPERVISOR_REVIEW;
        } else if (event instanceof CaseApproved || event instanceof AppealGranted) {
            return APPROVED;
        } else if (event instanceof CaseDenied) {
            return DENIED;
        } else if (event instanceof DenialAppealed) {
            return APPEALED;
        } else if (event instanceof AppealUpheld) {
            return DENIAL_UPHELD;
        } else if (event instanceof CaseCardProduced) {
            return CARD_PRODUCED;
        } else if (event instanceof CardMailed) {
            return MAILED;
        } else if (event instanceof CardMailingReturned) {
            return RETURNED;
        } else if (event instanceof CardDeliveryConfirmed) {
            return DELIVERED;
        } else if (event instanceof CardHandedOver) {
            return HANDED_OVER;
        } else if (event instanceof CaseWithdrawn) {
            return WITHDRAWN;
        } else if (event instanceof ApplicantDidNotShow) {
            return NO_SHOW;
        } else if (event instanceof CaseAbandoned) {
            return ABANDONED;
        } else if (event instanceof CaseCancelled) {
            return CANCELLED;
        }
        throw new IllegalArgumentException("unknown case event " + event.getClass().getSimpleName());
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
