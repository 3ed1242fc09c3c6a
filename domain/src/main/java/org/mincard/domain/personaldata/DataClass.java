package org.mincard.domain.personaldata;

/**
 * The classes of personal data the ordinance lets a city keep, each with its own retention rule and its own key
 * per data subject, so that destroying one class's key leaves the others readable.
 */
public enum DataClass {
    /** Legal name as printed, date of birth, optional self-designated gender marker. */
    CARD_RECORD,
    /** Phone and e-mail for appointment and pickup notices. */
    CONTACT,
    /** Mailing or care-of address for a mailed card. */
    DELIVERY,
    /** Document types and points, caretaker or care-of attestation, clerk notes. */
    REVIEW
}
