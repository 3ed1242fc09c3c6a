package org.mincard.projections.workqueue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Supervisor figures per day and site: counts, ids and codes only, never personal data. */
public record Dashboard(LocalDate from, LocalDate to, List<SiteDay> days) {

    public Dashboard {
        days = List.copyOf(days);
    }

    /**
     * One site on one day. {@code completed} counts cases closed that day by closing state; {@code queues} the stays
     * that ended that day; {@code slaBreaches} those of them that lasted longer than their SLA.
     */
    public record SiteDay(LocalDate day, UUID siteId, long received, long completedTotal,
                          Map<String, Long> completed, List<QueueTime> queues, long slaBreaches,
                          List<ClerkDay> clerks, Map<String, Long> denialReasons,
                          Map<String, Long> revocationReasons) {

        public SiteDay {
            completed = Map.copyOf(completed);
            queues = List.copyOf(queues);
            clerks = List.copyOf(clerks);
            denialReasons = Map.copyOf(denialReasons);
            revocationReasons = Map.copyOf(revocationReasons);
        }
    }

    /** Time cases spent in a queue, over the stays that ended that day (seconds). */
    public record QueueTime(WorkQueue queue, long stays, double medianSeconds, double p90Seconds, long slaBreaches) {
    }

    /**
     * One clerk's day: cases claimed or assigned to them, queue steps they finished (a case left a queue while they
     * held it), and cases that closed while they held them.
     */
    public record ClerkDay(String clerkId, long assigned, long stepsCompleted, long casesCompleted) {
    }
}
