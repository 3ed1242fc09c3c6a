package org.mincard.application.workqueue;

import org.mincard.application.directory.SiteDirectory;
import org.mincard.domain.shared.CaseType;
import org.mincard.projections.workqueue.QueueSla;
import org.mincard.projections.workqueue.SiteCalendar;
import org.mincard.projections.workqueue.WorkQueue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns the configured SLA table into the projections' {@link QueueSla} (an unknown queue or type fails the start),
 * and the site directory's time zones into the {@link SiteCalendar} the dashboard's days are counted in.
 */
@Configuration(proxyBeanMethods = false)
class QueueConfig {

    static final String DEFAULT_KEY = "default";

    @Bean
    QueueSla queueSla(QueueProperties properties) {
        Map<WorkQueue, Map<CaseType, Duration>> byType = new EnumMap<>(WorkQueue.class);
        Map<WorkQueue, Duration> defaults = new EnumMap<>(WorkQueue.class);
        properties.sla().forEach((queueKey, entries) -> {
            WorkQueue queue = queue(queueKey).orElseThrow(() -> new IllegalStateException(
                    "mincard.queues.sla." + queueKey + ": not a queue (one of " + Arrays.toString(
                            WorkQueue.values()) + ")"));
            entries.forEach((typeKey, duration) -> {
                if (duration.isNegative() || duration.isZero()) {
                    throw new IllegalStateException("mincard.queues.sla." + queueKey + "." + typeKey
                            + ": must be a positive duration");
                }
                if (DEFAULT_KEY.equalsIgnoreCase(typeKey)) {
                    defaults.put(queue, duration);
                } else {
                    CaseType type;
                    try {
                        type = CaseType.valueOf(typeKey.toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalStateException("mincard.queues.sla." + queueKey + "." + typeKey
                                + ": not a case type or 'default'");
                    }
                    byType.computeIfAbsent(queue, q -> new EnumMap<>(CaseType.class)).put(type, duration);
                }
            });
        });
        return new QueueSla(byType, defaults);
    }

    /**
     * Each site's zone from the directory. A changed zone applies to facts written from then on; replaying the
     * work-queue processor re-buckets the past (docs/queues.md).
     */
    @Bean
    SiteCalendar siteCalendar(SiteDirectory sites) {
        Map<UUID, ZoneId> zones = new LinkedHashMap<>();
        sites.all().forEach(site -> zones.put(site.siteId(), site.timeZone()));
        return new SiteCalendar(sites.defaultZone(), zones);
    }

    /**
     * The queue a configuration key names: {@code document-review}, {@code DOCUMENT_REVIEW}, or
     * {@code documentreview} as an environment variable ({@code MINCARD_QUEUES_SLA_DOCUMENTREVIEW_DEFAULT}) arrives.
     */
    static Optional<WorkQueue> queue(String key) {
        String bare = key.replace("-", "").replace("_", "").toUpperCase(Locale.ROOT);
        return Arrays.stream(WorkQueue.values())
                .filter(queue -> queue.name().replace("_", "").equals(bare)).findFirst();
    }
}
