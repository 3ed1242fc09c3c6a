package org.mincard.projections.caseview;

import org.mincard.domain.casefile.CaseState;
import org.mincard.domain.casefile.DenialReason;
import org.mincard.domain.shared.AgeBand;
import org.mincard.domain.shared.CaseType;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The non-personal facts of one case and its history, as clerks, supervisors and auditors may see them. */
public record CaseView(UUID caseId, CaseType type, UUID siteId, CaseState state, UUID cardholderId,
                       AgeBand ageBand, UUID previousCardId, UUID cardId, Boolean pointsRuleMet,
                       DenialReason denialReason, Instant appealDeadline, Instant submittedAt,
                       Instant lastChangedAt, List<HistoryEntry> history) {

    public CaseView {
        history = history == null ? List.of() : List.copyOf(history);
    }

    /** One step of the case: what happened, when, and the acting user's id and role (never a name). */
    public record HistoryEntry(long sequence, String event, Instant occurredAt, String actorId, String actorRole) {
    }
}
