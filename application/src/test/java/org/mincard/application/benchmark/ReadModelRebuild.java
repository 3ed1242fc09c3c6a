package org.mincard.application.benchmark;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Figure 3: every streaming processor (one per read model) has its tokens reset through Axon's
 * {@link StreamingEventProcessor} API and is timed until caught up with the head of the event store, as an operator's
 * replay does. Anchor: a plain ordered read of every payload from the event table, streamed with a fetch size.
 */
final class ReadModelRebuild {

    record Result(Map<String, Double> secondsPerProcessor, long events, double seconds) {

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

    Result rebuildAll(Duration timeout) throws InterruptedException {
        Map<String, StreamingEventProcessor> processors = streamingProcessors();
        long head = head();
        long events = jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class);
        Map<String, Double> seconds = new LinkedHashMap<>();
        long start = System.nanoTime();
        // One after the other, so each read model's figure is its own; together they are the full rebuild.
        for (var entry : processors.entrySet()) {
            StreamingEventProcessor processor = entry.getValue();
            long own = System.nanoTime();
            processor.shutDown();
            processor.resetTokens();
            processor.start();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!caughtUp(entry.getKey(), processor, head)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("rebuild of " + entry.getKey() + " did not finish");
                }
                TimeUnit.MILLISECONDS.sleep(20);
            }
            seconds.put(entry.getKey(), (System.nanoTime() - own) / 1e9);
        }
        return new Result(seconds, events, (System.nanoTime() - start) / 1e9);
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
