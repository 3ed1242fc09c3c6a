package org.mincard.projections.workqueue;

import org.mincard.domain.casefile.Priority;

/** Stored priority: 0 is the most urgent, so that one ascending index order lists urgent cases first. */
final class PriorityRank {

    private static final Priority[] BY_RANK = {Priority.URGENT, Priority.HIGH, Priority.NORMAL, Priority.LOW};

    private PriorityRank() {
    }

    static int of(Priority priority) {
        return Priority.URGENT.ordinal() - priority.ordinal();
    }

    static Priority priority(int rank) {
        return BY_RANK[rank];
    }
}
