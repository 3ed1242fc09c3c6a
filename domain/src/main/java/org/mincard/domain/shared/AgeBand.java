package org.mincard.domain.shared;

/**
 * The applicant's age band on the application date: a non-personal fact the domain may keep, because the card's
 * validity depends on it while the date of birth itself stays sealed.
 */
public enum AgeBand {
    /** Under 14. */
    CHILD,
    /** 14 to 64. */
    ADULT,
    /** 65 and over. */
    SENIOR
}
