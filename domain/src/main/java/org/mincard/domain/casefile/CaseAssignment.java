package org.mincard.domain.casefile;

import java.util.Objects;

/** Who works a case now (null when it waits unassigned in its queue) and how urgently. */
public record CaseAssignment(String assignee, Priority priority) {

    public CaseAssignment {
        Objects.requireNonNull(priority, "priority");
    }
}
