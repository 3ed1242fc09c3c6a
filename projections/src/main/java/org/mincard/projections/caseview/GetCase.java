package org.mincard.projections.caseview;

import java.util.Objects;
import java.util.UUID;

/** Asks for the non-personal view of one case, with its history. */
public record GetCase(UUID caseId) {

    public GetCase {
        Objects.requireNonNull(caseId, "caseId");
    }
}
