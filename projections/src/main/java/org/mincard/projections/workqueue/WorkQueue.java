package org.mincard.projections.workqueue;

import org.mincard.domain.casefile.CaseState;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The clerk work queues. Every case that waits for staff work is in exactly one, chosen by its state; closed cases
 * and denials waiting for a possible appeal are in none.
 */
public enum WorkQueue {
    /** Submitted or booked; the applicant is to be checked in. */
    INTAKE,
    /** Checked in or under review: documents to review and a decision to take. */
    DOCUMENT_REVIEW,
    /** Escalated: a supervisor decides or returns the case. */
    SUPERVISOR_REVIEW,
    /** A denial was appealed: a supervisor grants or upholds it. */
    APPEALS,
    /** Approved: the card is to be produced. */
    PRODUCTION,
    /** The card is produced: hand it over at the site or mail it. */
    ISSUANCE,
    /** The card is in the mail: confirm delivery or record its return. */
    IN_THE_MAIL,
    /** A mailed card came back: it waits for pickup at the site. */
    PICKUP;

    /** The queue a case in this state waits in, if any. */
    public static Optional<WorkQueue> of(CaseState state) {
        return Optional.ofNullable(switch (state) {
            case SUBMITTED -> INTAKE;
            case CHECKED_IN, UNDER_REVIEW -> DOCUMENT_REVIEW;
            case SUPERVISOR_REVIEW -> SUPERVISOR_REVIEW;
            case APPEALED -> APPEALS;
            case APPROVED -> PRODUCTION;
            case CARD_PRODUCED -> ISSUANCE;
            case MAILED -> IN_THE_MAIL;
            case RETURNED -> PICKUP;
            default -> null;
        });
    }

    /** The queue named in a URL: the constant's name or its kebab-case form ({@code document-review}). */
    public static Optional<WorkQueue> fromPath(String value) {
        String normalized = value.strip().replace('-', '_').toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(queue -> queue.name().equals(normalized)).findFirst();
    }

    /** The kebab-case form used in URLs and metrics. */
    public String path() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
