package org.mincard.application.workqueue;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.mincard.application.directory.SiteDirectory;
import org.mincard.projections.workqueue.ListQueueSummaries;
import org.mincard.projections.workqueue.QueueSummary;
import org.mincard.projections.workqueue.WorkQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus gauges per site and queue, so an operator can alert on a queue that grows or a case that sits too long:
 * {@code mincard_queue_depth}, {@code mincard_queue_oldest_age_seconds}, {@code mincard_queue_overdue}. Labels are the
 * site id and the queue only, never anything personal. Refreshed from one summary query every
 * {@code mincard.queues.metrics-refresh} (read from the rollups); a queue that empties stays in the series at 0, and
 * every queue of every site in the site directory has its series from the start, at 0 while empty.
 */
@Component
class QueueMetrics implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(QueueMetrics.class);

    private final QueryGateway queries;
    private final SiteDirectory sites;
    private final Clock clock;
    private final Duration refresh;
    private final MultiGauge depth;
    private final MultiGauge oldestAge;
    private final MultiGauge overdue;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "queue-metrics");
        thread.setDaemon(true);
        return thread;
    });

    QueueMetrics(QueryGateway queries, SiteDirectory sites, Clock clock, QueueProperties properties,
                 MeterRegistry meters) {
        this.queries = queries;
        this.sites = sites;
        this.clock = clock;
        this.refresh = properties.metricsRefresh();
        this.depth = MultiGauge.builder("mincard.queue.depth").description("Cases waiting in the queue")
                .register(meters);
        this.oldestAge = MultiGauge.builder("mincard.queue.oldest.age").baseUnit("seconds")
                .description("How long the oldest case has waited in the queue").register(meters);
        this.overdue = MultiGauge.builder("mincard.queue.overdue").description("Cases past their SLA in the queue")
                .register(meters);
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        scheduler.scheduleWithFixedDelay(this::refreshSafely, 0, refresh.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void refreshSafely() {
        try {
            refresh();
        } catch (RuntimeException e) {
            LOG.warn("Queue gauges not refreshed: {}", e.getClass().getSimpleName());
        }
    }

    /** Recomputes every gauge from one summary query. */
    void refresh() {
        Instant now = clock.instant();
        Map<String, QueueSummary> bySeries = new TreeMap<>();
        for (SiteDirectory.Site site : sites.all()) {
            for (WorkQueue queue : WorkQueue.values()) {
                bySeries.put(site.siteId() + "/" + queue.path(), new QueueSummary(site.siteId(), queue, 0, null, 0, 0));
            }
        }
        queries.query(new ListQueueSummaries(null, now), ResponseTypes.multipleInstancesOf(QueueSummary.class))
                .join().forEach(summary -> bySeries.put(summary.siteId() + "/" + summary.queue().path(), summary));
        List<QueueSummary> summaries = List.copyOf(bySeries.values());
        depth.register(summaries.stream().map(summary -> MultiGauge.Row.of(tags(summary), summary.depth()))
                .toList(), true);
        oldestAge.register(summaries.stream().map(summary -> MultiGauge.Row.of(tags(summary),
                summary.oldestEnteredAt() == null ? 0 : Duration.between(summary.oldestEnteredAt(), now).toSeconds()))
                .toList(), true);
        overdue.register(summaries.stream().map(summary -> MultiGauge.Row.of(tags(summary), summary.overdue()))
                .toList(), true);
    }

    private static Tags tags(QueueSummary summary) {
        return Tags.of("site", summary.siteId().toString(), "queue", summary.queue().path());
    }

    @Override
    public void destroy() {
        scheduler.shutdownNow();
    }
}
