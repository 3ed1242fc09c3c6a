package org.mincard.projections.workqueue;

import java.util.Objects;
import java.util.Set;

/** Asks how many open cases each of these users holds (users holding none are answered with 0). */
public record CountAssignedCases(Set<String> assignees) {

    public CountAssignedCases {
        Objects.requireNonNull(assignees, "assignees");
        assignees = Set.copyOf(assignees);
    }
}
