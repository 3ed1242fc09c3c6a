package org.mincard.projections.caseview;

import org.mincard.domain.personaldata.SealedValue;

/** A sealed copy of one personal field of a case, for the access gate to unseal on an allowed read. */
public record SealedField(CaseField field, SealedValue value) {

    /** The personal fields a case can hold. */
    public enum CaseField {
        CARD_RECORD,
        CARD_NUMBER,
        CONTACT,
        DELIVERY,
        REVIEW
    }
}
