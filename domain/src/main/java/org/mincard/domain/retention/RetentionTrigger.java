package org.mincard.domain.retention;

/**
 * The lifecycle facts a retention rule can start its delay from (docs/retention.md lists the events behind each).
 * Each applies to the case (or, for {@link #CARD_LAPSED}, the card) that holds the data.
 */
public enum RetentionTrigger {
    /** CaseApproved, CaseDenied, AppealGranted or AppealUpheld; the latest decision counts. */
    DECISION_MADE,
    /** CardHandedOver. */
    CARD_PICKED_UP,
    /** CardDeliveryConfirmed. */
    DELIVERY_CONFIRMED,
    /** CardMailingReturned. */
    MAIL_RETURNED,
    /** The card's expiry plus the renewal grace period (RenewalPolicy.lapsesOn), for cards not superseded. */
    CARD_LAPSED,
    /** CaseWithdrawn. */
    CASE_WITHDRAWN,
    /** ApplicantDidNotShow. */
    APPLICANT_NO_SHOW,
    /** CaseAbandoned. */
    CASE_ABANDONED,
    /** CaseCancelled. */
    CASE_CANCELLED,
    /** CaseDenied.appealDeadline without an appeal, or AppealUpheld. */
    APPEAL_WINDOW_CLOSED
}
