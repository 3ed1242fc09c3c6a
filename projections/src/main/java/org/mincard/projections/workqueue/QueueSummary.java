package org.mincard.projections.workqueue;

import java.time.Instant;
import java.util.UUID;

/** One queue at one site: how many cases wait, since when the oldest, how many are overdue or unassigned. */
public record QueueSummary(UUID siteId, WorkQueue queue, long depth, Instant oldestEnteredAt, long overdue,
                           long unassigned) {
}
