package org.mincard.projections.casesummary;

import org.mincard.domain.casefile.CaseType;

import java.time.Instant;
import java.util.UUID;

/** The non-personal facts of one case, as clerks and supervisors see them in lists. */
public record CaseSummary(UUID caseId, CaseType type, UUID siteId, String state, Instant submittedAt,
                          Instant lastChangedAt, long version) {
}
