package org.mincard.projections.caseview;

import org.mincard.domain.personaldata.SealedValue;

import java.util.UUID;

/** A sealed copy of one personal field of the named case. */
public record CaseSealedField(UUID caseId, SealedField.CaseField field, SealedValue value) {
}
