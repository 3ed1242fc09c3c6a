package org.mincard.application.benchmark;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.mincard.application.operations.BulkReplay;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Figure 3: every streaming processor (one per read model) has its tokens reset through Axon's
 * {@link StreamingEventProcessor} API and is timed until caught up with the head of the event store, as an operator's
 * replay does. Anchor: a plain ordered read of every payload from the event table, streamed with a fetch size.
 */
final class ReadModelRebuild {

    /**
     * The ordinary replay's figure: per processor the seconds it took, or, when it was measured over a window, the
     * seconds it would take at the rate of that window ({@code extrapolated}).
     */
    record Result(Map<String, Double> secondsPerProcessor, long events, double seconds, boolean extrapolated) {

        double eventsPerSecond() {
            return events / seconds;
        }
    }

    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final DataSource dataSource;

    ReadModelRebuild(ApplicationContext context) {
        this.processing = context.getBean(EventProcessingConfiguration.class);
        this.jdbc = context.getBean(JdbcTemplate.class);
        this.dataSource = context.getBean(DataSource.class);
    }

    /** Waits until every streaming processor has processed the whole event store. */
    void awaitCaughtUp(Duration timeout) throws InterruptedException {
        long head = head();
        long deadline = System.nanoTime() + timeout.toNanos();
        for (var entry : streamingProcessors().entrySet()) {
            while (!caughtUp(entry.getKey(), entry.getValue(), head)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("processor " + entry.getKey() + " did not catch up");
                }
                TimeUnit.MILLISECONDS.sleep(50);
            }
        }
    }

    /** Stops every streaming processor (a bulk load before a bulk rebuild); {@link BulkReplay} starts them. */
    void stopProcessors() {
        streamingProcessors().values().forEach(StreamingEventProcessor::shutDown);
    }

    List<String> processingGroups() {
        return List.copyOf(streamingProcessors().keySet());
    }

    /**
     * Replays each processor by itself, one after the other. With a {@code window}, a processor is stopped once it has
     * replayed that long, and its time for the whole store is extrapolated from the events every segment has passed
     * (the slowest segment's position); it is left stopped mid-replay, and a bulk rebuild must follow.
     */
    Result rebuildAll(Duration timeout, Duration window) throws InterruptedException {
        Map<String, StreamingEventProcessor> processors = streamingProcessors();
        long head = head();
        long events = jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class);
        long first = jdbc.queryForObject("SELECT coalesce(min(globalindex), 0) FROM domainevententry", Long.class);
        Map<String, Double> seconds = new LinkedHashMap<>();
        boolean extrapolated = false;
        // One after the other, so each read model's figure is its own; together they are the full rebuild.
        for (var entry : processors.entrySet()) {
            StreamingEventProcessor processor = entry.getValue();
            long own = System.nanoTime();
            processor.shutDown();
            processor.resetTokens();
            processor.start();
            long deadline = System.nanoTime() + timeout.toNanos();
            long windowEnd = window.isZero() ? Long.MAX_VALUE : System.nanoTime() + window.toNanos();
            boolean caughtUp;
            // A window ends no sooner than every segment has passed an event (claims take a moment).
            while (!(caughtUp = caughtUp(entry.getKey(), processor, head))
                    && (System.nanoTime() < windowEnd || slowestPosition(entry.getKey(), processor) < first)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("rebuild of " + entry.getKey() + " did not finish");
                }
                TimeUnit.MILLISECONDS.sleep(20);
            }
            double elapsed = (System.nanoTime() - own) / 1e9;
            if (caughtUp) {
                seconds.put(entry.getKey(), elapsed);
                continue;
            }
            long passed = slowestPosition(entry.getKey(), processor);
            processor.shutDown();
            Long replayed = jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE globalindex <= ?",
                    Long.class, passed);
            seconds.put(entry.getKey(), elapsed * events / Math.max(1, replayed));
            extrapolated = true;
        }
        double total = seconds.values().stream().mapToDouble(Double::doubleValue).sum();
        return new Result(seconds, events, total, extrapolated);
    }

    /** The position every segment has passed; -1 while a segment is not claimed by this processor yet. */
    private long slowestPosition(String name, StreamingEventProcessor processor) {
        Map<Integer, EventTrackerStatus> status = processor.processingStatus();
        Integer segments = jdbc.queryForObject("SELECT count(*)::int FROM tokenentry WHERE processorname = ?",
                Integer.class, name);
        if (status.isEmpty() || segments == null || status.size() < segments) {
            return -1;
        }
        return status.values().stream()
                .mapToLong(segment -> segment.getCurrentPosition().orElse(-1)).min().orElse(-1);
    }

    /** The anchor: events per second of {@code SELECT payload ... ORDER BY globalindex}, streamed. */
    double rawOrderedReadPerSecond() throws Exception {
        long start = System.nanoTime();
        long rows = 0;
        long bytes = 0;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT payload FROM domainevententry ORDER BY globalindex")) {
                statement.setFetchSize(1000);
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        bytes += result.getBytes(1).length;
                        rows++;
                    }
                }
            }
            connection.rollback();
        }
        if (bytes < rows) {
            throw new IllegalStateException("payloads shorter than one byte");
        }
        return rows / ((System.nanoTime() - start) / 1e9);
    }

    private Map<String, StreamingEventProcessor> streamingProcessors() {
        Map<String, StreamingEventProcessor> processors = new LinkedHashMap<>();
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming) {
                processors.put(name, streaming);
            }
        });
        return processors;
    }

    private boolean caughtUp(String name, StreamingEventProcessor processor, long head) {
        Map<Integer, EventTrackerStatus> status = processor.processingStatus();
        Integer segments = jdbc.queryForObject("SELECT count(*)::int FROM tokenentry WHERE processorname = ?",
                Integer.class, name);
        if (status.isEmpty() || segments == null || status.size() < segments) {
            return false;
        }
        // A replay token stays "replaying" until an event newer than the reset point arrives; the position tells.
        return status.values().stream().allMatch(s -> s.isCaughtUp() && !s.isErrorState()
                && s.getCurrentPosition().orElse(-1) >= head);
    }

    private long head() {
        Long head = jdbc.queryForObject("SELECT coalesce(max(globalindex), -1) FROM domainevententry", Long.class);
        return head == null ? -1 : head;
    }
}
