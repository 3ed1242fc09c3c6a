package org.mincard.projections.caseview;

import java.util.Objects;
import java.util.UUID;

/** Asks for the sealed personal fields of one case; only the access gate may unseal them. */
public record GetCaseSealedFields(UUID caseId) {

    public GetCaseSealedFields {
        Objects.requireNonNull(caseId, "caseId");
    }
}
