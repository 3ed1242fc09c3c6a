package org.mincard.application.operations;

import jakarta.annotation.PreDestroy;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.mincard.application.web.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * Rebuilds several read models in one pass over the event store (issue 17): the processors are stopped and reset
 * (their reset handlers empty their tables, as an ordinary replay does), the store is read once, in order, and every
 * event, deserialized once, is handed to each processor's own handlers in large batches, one transaction per
 * processor and batch; then every segment's token is set to the last event folded and the processors start again,
 * continuing live from there. The ordinary replay ({@link Replays}) lets each processor read and deserialize the whole
 * store by itself in small batches with a token update per batch; this path does each of those once.
 *
 * <p>Every other node must have stopped these processors first (runbook, "Rebuilding read models"); the tokens are
 * claimed for this node while they are set. A failed batch stops the rebuild: the processors then start from their
 * reset tokens and finish the rebuild the ordinary way, so a failure never leaves a read model half-built and idle.
 */
@Component
public class BulkReplay {

    /** Events per batch and transaction; large, since nothing waits on a rebuild's individual events. */
    public static final int BATCH = 2_000;
    private static final Logger LOG = LoggerFactory.getLogger(BulkReplay.class);

    private final EventProcessingConfiguration processing;
    private final EventStorageEngine storage;
    private final TokenStore tokens;
    private final TransactionManager transactions;
    private final Clock clock;
    private final ReentrantLock oneAtATime = new ReentrantLock();
    private final AtomicLong folded = new AtomicLong();
    private final Map<UUID, Started> background = new ConcurrentHashMap<>();
    private final ExecutorService runner = Executors.newSingleThreadExecutor(work -> {
        Thread thread = new Thread(work, "bulk-rebuild");
        thread.setDaemon(true);
        return thread;
    });

    BulkReplay(EventProcessingConfiguration processing, EventStorageEngine storage, TokenStore tokens,
               TransactionManager transactions, Clock clock) {
        this.processing = processing;
        this.storage = storage;
        this.tokens = tokens;
        this.transactions = transactions;
        this.clock = clock;
    }

    @PreDestroy
    void stop() {
        runner.shutdownNow();
    }

    /** What a rebuild did. */
    public record Result(List<String> processingGroups, long events, double seconds) {

        public double eventsPerSecond() {
            return seconds == 0 ? 0 : events / seconds;
        }
    }

    /** Events handed to the processors by the running (or last) rebuild. */
    public long folded() {
        return folded.get();
    }

    /**
     * A rebuild started in the background: how far it is ({@code eventsFolded} of {@code headPosition}, the store's
     * head when it started), and how it ended ({@code error} names the failure's type, never data).
     */
    public record Status(UUID rebuildId, List<String> processingGroups, String requestedBy, Instant startedAt,
                         Long headPosition, long eventsFolded, boolean running, boolean done, Double seconds,
                         String error) {
    }

    /** Starts a rebuild on a background thread; refused at once when a group cannot be rebuilt or one is running. */
    public Status start(List<String> processingGroups, String requestedBy) {
        Map<String, StreamingEventProcessor> processors = processors(processingGroups);
        if (!oneAtATime.tryLock()) {
            throw new RebuildRunning();
        }
        try {
            if (background.values().stream().anyMatch(started -> !started.finished)) {
                throw new RebuildRunning();
            }
            TrackingToken head = headToken();
            Started started = new Started(UUID.randomUUID(), List.copyOf(processors.keySet()), requestedBy,
                    clock.instant(), head == null ? null : head.position().orElse(-1));
            background.put(started.rebuildId(), started);
            folded.set(0);
            runner.submit(() -> {
                oneAtATime.lock();
                try {
                    started.result = run(processors, requestedBy);
                } catch (RuntimeException failed) {
                    LOG.warn("Bulk rebuild {} failed: {}", started.rebuildId(), failed.getClass().getSimpleName());
                    started.error = failed.getClass().getSimpleName();
                } finally {
                    started.finished = true;
                    oneAtATime.unlock();
                }
            });
            return status(started);
        } finally {
            oneAtATime.unlock();
        }
    }

    public Optional<Status> status(UUID rebuildId) {
        return Optional.ofNullable(background.get(rebuildId)).map(this::status);
    }

    private Status status(Started started) {
        Result result = started.result;
        return new Status(started.rebuildId(), started.processingGroups(), started.requestedBy(), started.startedAt(),
                started.headPosition(), result == null ? folded.get() : result.events(), !started.finished,
                started.finished && started.error == null, result == null ? null : result.seconds(), started.error);
    }

    private TrackingToken headToken() {
        return storage.createHeadToken();
    }

    /** A background rebuild of this node (kept in memory, like {@link Replays}). */
    private static final class Started {

        private final UUID rebuildId;
        private final List<String> processingGroups;
        private final String requestedBy;
        private final Instant startedAt;
        private final Long headPosition;
        private volatile Result result;
        private volatile String error;
        private volatile boolean finished;

        Started(UUID rebuildId, List<String> processingGroups, String requestedBy, Instant startedAt,
                Long headPosition) {
            this.rebuildId = rebuildId;
            this.processingGroups = processingGroups;
            this.requestedBy = requestedBy;
            this.startedAt = startedAt;
            this.headPosition = headPosition;
        }

        UUID rebuildId() {
            return rebuildId;
        }

        List<String> processingGroups() {
            return processingGroups;
        }

        String requestedBy() {
            return requestedBy;
        }

        Instant startedAt() {
            return startedAt;
        }

        Long headPosition() {
            return headPosition;
        }
    }

    /** A second rebuild while one runs on this node. */
    static final class RebuildRunning extends ProblemException {

        RebuildRunning() {
            super(Kind.CONFLICT, URI.create("urn:mincard:problem:rebuild-running"), "Rebuild running",
                    "A bulk rebuild is already running on this node; follow it, then start another.",
                    Map.of("code", "rebuild-running"));
        }
    }

    /** Rebuilds the read models of the given processing groups (streaming processors of this service). */
    public Result rebuild(List<String> processingGroups, String requestedBy) {
        if (!oneAtATime.tryLock()) {
            throw new IllegalStateException("a bulk rebuild is running on this node");
        }
        try {
            return run(processors(processingGroups), requestedBy);
        } finally {
            oneAtATime.unlock();
        }
    }

    private Map<String, StreamingEventProcessor> processors(List<String> processingGroups) {
        Map<String, StreamingEventProcessor> processors = new LinkedHashMap<>();
        for (String group : processingGroups) {
            StreamingEventProcessor processor = processing.eventProcessor(group, StreamingEventProcessor.class)
                    .orElseThrow(() -> new NotReplayable(group, "it is not a streaming processor of this service"));
            if (!processor.supportsReset()) {
                throw new NotReplayable(group, "its handlers do not support a reset");
            }
            if (!(processor instanceof AbstractEventProcessor)) {
                throw new NotReplayable(group, "its handlers cannot be reached for a bulk rebuild");
            }
            processors.put(group, processor);
        }
        return processors;
    }

    private Result run(Map<String, StreamingEventProcessor> processors, String requestedBy) {
        LOG.info("Bulk rebuild of {} requested by {}", processors.keySet(), requestedBy);
        long start = System.nanoTime();
        folded.set(0);
        processors.values().forEach(StreamingEventProcessor::shutDown);
        try {
            processors.values().forEach(StreamingEventProcessor::resetTokens);
            TrackingToken last = fold(processors);
            if (last != null) {
                processors.keySet().forEach(group -> continueFrom(group, last));
            }
        } finally {
            processors.values().forEach(StreamingEventProcessor::start);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        LOG.info("Bulk rebuild of {} folded {} events in {} s", processors.keySet(), folded.get(),
                Math.round(seconds));
        return new Result(List.copyOf(processors.keySet()), folded.get(), seconds);
    }

    /** Reads the store once and hands every batch to each processor; answers the token of the last event. */
    private TrackingToken fold(Map<String, StreamingEventProcessor> processors) {
        List<EventHandlerInvoker> invokers = processors.values().stream()
                .map(processor -> ((AbstractEventProcessor) processor).eventHandlerInvoker()).toList();
        TrackingToken last = null;
        List<TrackedEventMessage<?>> batch = new ArrayList<>(BATCH);
        try (Stream<? extends TrackedEventMessage<?>> events = storage.readEvents(null, false)) {
            Iterator<? extends TrackedEventMessage<?>> iterator = events.iterator();
            while (iterator.hasNext()) {
                batch.add(iterator.next());
                if (batch.size() == BATCH) {
                    handle(invokers, batch);
                    last = batch.get(batch.size() - 1).trackingToken();
                    batch = new ArrayList<>(BATCH);
                }
            }
        }
        if (!batch.isEmpty()) {
            handle(invokers, batch);
            last = batch.get(batch.size() - 1).trackingToken();
        }
        return last;
    }

    private void handle(List<EventHandlerInvoker> invokers, List<TrackedEventMessage<?>> batch) {
        for (EventHandlerInvoker invoker : invokers) {
            BatchingUnitOfWork<TrackedEventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(batch);
            unitOfWork.attachTransaction(transactions);
            ResultMessage<?> result = unitOfWork.executeWithResult(() -> {
                TrackedEventMessage<?> event = unitOfWork.getMessage();
                if (invoker.canHandle(event, Segment.ROOT_SEGMENT)) {
                    invoker.handle(event, Segment.ROOT_SEGMENT);
                }
                return null;
            });
            if (result.isExceptional()) {
                throw new IllegalStateException("bulk rebuild stopped at a failed batch; the processors finish the"
                        + " rebuild from their reset tokens", result.exceptionResult());
            }
        }
        folded.addAndGet(batch.size());
    }

    /** Sets every segment of the processor to continue after {@code last}, claiming each for this node meanwhile. */
    private void continueFrom(String processorName, TrackingToken last) {
        transactions.executeInTransaction(() -> {
            for (int segment : tokens.fetchSegments(processorName)) {
                tokens.fetchToken(processorName, segment);
                tokens.storeToken(last, processorName, segment);
                tokens.releaseClaim(processorName, segment);
            }
        });
    }
}
