package org.mincard.projections.workqueue;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Asks for a clerk's day in one read: the open cases {@code assignee} holds (at most {@code minePerQueue} per queue)
 * and the unassigned cases of the sites (at most {@code unassignedPerQueue} per queue), each most urgent and oldest
 * first within its queue.
 *
 * @param sites the sites to list; null for every site
 * @param asOf  the time against which "overdue" is decided
 */
public record ListMyWork(Set<UUID> sites, String assignee, int minePerQueue, int unassignedPerQueue, Instant asOf) {

    public ListMyWork {
        Objects.requireNonNull(assignee, "assignee");
        Objects.requireNonNull(asOf, "asOf");
        sites = sites == null ? null : Set.copyOf(sites);
        if (minePerQueue < 1 || unassignedPerQueue < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }
}
