package org.mincard.application.vault;

/** Why the gate refused a read; recorded with a {@link AccessOutcome#REFUSED} access record. */
public enum RefusalReason {
    /** The actor's role may not read this data class for this purpose. */
    ROLE_NOT_ALLOWED,
    /** The case belongs to a site the actor does not work at. */
    OTHER_SITE,
    /** A legal-request read names no request in the register. */
    NO_REQUEST_REFERENCE
}
