package org.mincard.projections.annualfigures;

/** What an annual figure counts; each section's items are codes or ids, never personal data. */
public enum FigureSection {
    /** Cases submitted, by case type ({@code NEW}, {@code RENEWAL} ...). */
    CASES_BY_TYPE,
    /** Cases submitted, by site id. */
    CASES_BY_SITE,
    /** Case outcomes recorded: {@code APPROVED}, {@code DENIED}, {@code WITHDRAWN}, {@code NO_SHOW} ... */
    CASE_OUTCOMES,
    /** Cards produced by case type ({@code NEW}, {@code RENEWAL}, {@code REPLACEMENT}, {@code UPDATE}) and
     * {@code REVOKED}. */
    CARDS,
    /** Values purged (one cardholder's data of one class), by {@code ruleId/DATA_CLASS}. */
    PURGES
}
