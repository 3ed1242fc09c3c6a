package org.mincard.projections.workqueue;

import java.util.List;

/** A clerk's cases and the unassigned cases of their sites, by queue, most urgent and oldest first in each. */
public record MyWork(List<QueueItem> mine, List<QueueItem> unassigned) {

    public MyWork {
        mine = List.copyOf(mine);
        unassigned = List.copyOf(unassigned);
    }
}
