package org.mincard.projections.workqueue;

import java.util.List;
import java.util.UUID;

/** The open cases a user holds, most urgent and oldest first. */
public record AssignedCases(List<UUID> caseIds) {

    public AssignedCases {
        caseIds = List.copyOf(caseIds);
    }
}
