package org.mincard.domain.casefile;

import java.time.Instant;
import java.util.UUID;

/** A fact in the life of a case; every event names the case it belongs to. */
public sealed interface CaseFileEvent permits CaseSubmitted, ApplicantCheckedIn, DocumentsReviewed, CaseEscalated, CaseReturnedFromEscalation,
        CaseApproved, CaseDenied, DenialAppealed, AppealGranted, AppealUpheld, CaseCardProduced, CardMailed,
        CardDeliveryConfirmed, CardMailingReturned, CardHandedOver, CaseWithdrawn, ApplicantDidNotShow,
        CaseAbandoned, CaseCancelled, CaseClaimed, CaseReleased, CaseAssigned, CasePriorityRaised, CasePriorityLowered {

    UUID caseId();

    /**
     * When the fact happened, by the business time the command gave (the service's clock), never the recording time
     * (that is the message timestamp). A method, not a stored field: the event's JSON does not change.
     */
    Instant occurredAt();
}
