package org.mincard.domain.casefile;

/** Why staff cancelled a case. */
public enum CancellationReason {
    DUPLICATE_CASE,
    ENTERED_IN_ERROR,
    PROGRAM_DECISION
}
