package org.mincard.domain.request;

/**
 * What kind of records a request asks for, as a code: the scope of a request is its case and subject ids plus these
 * codes, never a free-text description (which would be kept in an event and a hash-chained register).
 */
public enum RequestedRecord {
    /** Legal name, date of birth, gender marker, card number. */
    CARD_RECORD,
    /** Phone or e-mail for notices. */
    CONTACT,
    /** Mailing or care-of address. */
    DELIVERY,
    /** Document types and points, attestation, clerk notes. */
    REVIEW,
    /** Whether a card exists, its status and dates. */
    CARD_STATUS,
    /** The case's states and their dates. */
    CASE_HISTORY,
    /** Who read the records and when. */
    ACCESS_LOG,
    /** Counts only. */
    STATISTICS,
    /** Only in requests registered before scopes were coded (revision 1 of {@link DataRequestRegistered}). */
    UNSPECIFIED;

    /** Whether staff may choose this code for a new request. */
    public boolean selectable() {
        return this != UNSPECIFIED;
    }
}
