package org.mincard.projections.workqueue;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/** Asks for every queue's figures per site; {@code sites} null means every site. */
public record ListQueueSummaries(Set<UUID> sites, Instant asOf) {

    public ListQueueSummaries {
        Objects.requireNonNull(asOf, "asOf");
        sites = sites == null ? null : Set.copyOf(sites);
    }
}
