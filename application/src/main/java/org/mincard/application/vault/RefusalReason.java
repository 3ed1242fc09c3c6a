package org.mincard.application.vault;

/** Why the gate refused a read; recorded with a {@link AccessOutcome#REFUSED} access record. */
public enum RefusalReason {
    /** The actor's role may not read this data class for this purpose. */
    ROLE_NOT_ALLOWED,
    /** The case belongs to a site the actor does not work at. */
    OTHER_SITE,
    /** A holder's or legal request's read names no request in the register. */
    NO_REQUEST_REFERENCE,
    /** The named request is not registered, is of another kind, is closed, or does not cover this case or subject. */
    REQUEST_NOT_COVERING
}
