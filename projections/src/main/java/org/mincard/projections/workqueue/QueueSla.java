package org.mincard.projections.workqueue;

import org.mincard.domain.shared.CaseType;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How long a case may wait in each queue, per case type, with a per-queue default. A queue without an entry has no
 * SLA: its cases are never overdue. Due times are computed from it at query time, so a changed SLA applies at once
 * and nothing stored goes stale.
 */
public record QueueSla(Map<WorkQueue, Map<CaseType, Duration>> byType, Map<WorkQueue, Duration> defaults) {

    public QueueSla {
        byType = copy(byType);
        defaults = defaults == null || defaults.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(defaults));
    }

    private static Map<WorkQueue, Map<CaseType, Duration>> copy(Map<WorkQueue, Map<CaseType, Duration>> byType) {
        Map<WorkQueue, Map<CaseType, Duration>> copy = new EnumMap<>(WorkQueue.class);
        if (byType != null) {
            byType.forEach((queue, types) -> copy.put(queue, Map.copyOf(types)));
        }
        return Map.copyOf(copy);
    }

    public Optional<Duration> of(WorkQueue queue, CaseType type) {
        Objects.requireNonNull(queue, "queue");
        Duration specific = byType.getOrDefault(queue, Map.of()).get(type);
        return Optional.ofNullable(specific != null ? specific : defaults.get(queue));
    }

    /** When a case of this type that entered this queue at {@code enteredAt} becomes overdue, if the queue has an SLA. */
    public Optional<Instant> dueAt(WorkQueue queue, CaseType type, Instant enteredAt) {
        return of(queue, type).map(enteredAt::plus);
    }
}
