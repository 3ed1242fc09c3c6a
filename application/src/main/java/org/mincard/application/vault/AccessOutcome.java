package org.mincard.application.vault;

/** What the gate did with one requested value; recorded in the access log. */
public enum AccessOutcome {
    /** The plaintext was handed to the caller. */
    SHOWN,
    /** The value's key was destroyed by a purge; nothing could be shown. */
    PURGED,
    /** The access policy does not let this actor read this class for this purpose; nothing was shown. */
    REFUSED,
    /** The actor exceeded the personal-data read limit; nothing was shown. */
    RATE_LIMITED
}
