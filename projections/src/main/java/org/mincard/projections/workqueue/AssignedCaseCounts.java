package org.mincard.projections.workqueue;

import java.util.Map;

/** How many open cases each user holds. */
public record AssignedCaseCounts(Map<String, Long> counts) {

    public AssignedCaseCounts {
        counts = Map.copyOf(counts);
    }
}
