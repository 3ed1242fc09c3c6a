package org.mincard.projections.workqueue;

import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/** Asks for the ids of the open cases a user holds, at the given sites (null: every site). */
public record ListAssignedCases(String assignee, Set<UUID> sites) {

    public ListAssignedCases {
        Objects.requireNonNull(assignee, "assignee");
        sites = sites == null ? null : Set.copyOf(sites);
    }
}
