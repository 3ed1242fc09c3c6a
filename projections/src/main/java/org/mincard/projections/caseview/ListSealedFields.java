package org.mincard.projections.caseview;

import org.mincard.projections.caseview.SealedField.CaseField;

import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/** Asks for one sealed field of many cases at once (a queue page); only the access gate may unseal them. */
public record ListSealedFields(Set<UUID> caseIds, CaseField field) {

    public ListSealedFields {
        caseIds = Set.copyOf(caseIds);
        Objects.requireNonNull(field, "field");
    }
}
