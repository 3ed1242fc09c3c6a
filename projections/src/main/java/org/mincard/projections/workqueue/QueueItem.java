package org.mincard.projections.workqueue;

import org.mincard.domain.casefile.CaseState;
import org.mincard.domain.casefile.Priority;
import org.mincard.domain.shared.CaseType;

import java.time.Instant;
import java.util.UUID;

/**
 * One case in a queue, without personal data. {@code dueAt} is null when the queue has no SLA; {@code overdue} is
 * computed against the clock when the query runs.
 */
public record QueueItem(UUID caseId, WorkQueue queue, CaseState state, UUID siteId, CaseType type,
                        UUID cardholderId, String assignee, Priority priority, Instant enteredAt, Instant dueAt,
                        boolean overdue, QueueCursor cursor) {
}
