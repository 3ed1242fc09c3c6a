package org.mincard.domain.retention;

/**
 * Why a legal hold was placed, as a code: staff never type free text into a hold, because a hold's reason is kept in
 * an event and a hash-chained log for as long as the records schedule keeps them.
 */
public enum HoldReason {
    /** Litigation is pending and the records may be evidence. */
    LITIGATION_PENDING,
    /** Litigation is reasonably anticipated. */
    LITIGATION_ANTICIPATED,
    /** A court ordered the records preserved. */
    PRESERVATION_ORDER,
    /** A subpoena or warrant names the records. */
    SUBPOENA_OR_WARRANT,
    /** A registered third-party data request covers the records. */
    DATA_REQUEST,
    /** An inspector general, auditor or oversight body investigates. */
    AUDIT_OR_INVESTIGATION,
    /** The records commission or counsel ordered a hold for another documented cause. */
    RECORDS_AUTHORITY_ORDER,
    /** Only in holds placed before reasons were coded (revision 1 of {@link LegalHoldPlaced}); never chosen. */
    UNCODED;

    /** Whether staff may choose this code for a new hold. */
    public boolean selectable() {
        return this != UNCODED;
    }
}
