package org.mincard.projections.workqueue;

import java.util.List;

/** One page of a queue and the cursor of the next page (null on the last page). */
public record QueuePage(List<QueueItem> items, QueueCursor next) {

    public QueuePage {
        items = List.copyOf(items);
    }
}
