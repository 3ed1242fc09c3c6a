package org.mincard.projections.casesummary;

import java.util.Objects;
import java.util.UUID;

/** Asks for the summary of one case. */
public record GetCaseSummary(UUID caseId) {

    public GetCaseSummary {
        Objects.requireNonNull(caseId, "caseId");
    }
}
