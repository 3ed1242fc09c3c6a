package org.mincard.domain.shared;

/** Why a card must be replaced: it was lost, stolen or damaged. */
public enum ReplacementReason {
    LOST,
    STOLEN,
    DAMAGED;

    /** The one rule for a case's replacement reason: given for REPLACEMENT cases, and only for them. */
    public static boolean fits(CaseType type, ReplacementReason reason) {
        return (type == CaseType.REPLACEMENT) == (reason != null);
    }
}
