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
import org.mincard.application.config.ProcessorCluster;
import org.mincard.application.web.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Rebuilds several read models in one pass over the event store (issue 17): the processors are stopped and reset
 * (their reset handlers empty their tables, as an ordinary replay does), the store is read once, in order, and every
 * event, deserialized once, is handed to each processor's own handlers in large batches, one transaction per
 * processor and batch; then every segment's token is set to the last event folded and the processors start again,
 * continuing live from there. The ordinary replay ({@link Replays}) lets each processor read and deserialize the whole
 * store by itself in small batches with a token update per batch; this path does each of those once.
 *
 * <p>On a cluster the other nodes are asked to release these processors' segments first and stay paused until the
 * processors go live again (the mechanism of the ordinary replay, ADR 0023): no other node writes a read model while
 * it is folded. The rebuild is refused when they do not release them. A failed batch stops the rebuild: the
 * processors then start from their reset tokens and finish the rebuild the ordinary way, so a failure never leaves a
 * read model half-built and idle.
 */
@Component
public class BulkReplay {

    /** Events per batch and transaction; large, since nothing waits on a rebuild's individual events. */
    public static final int BATCH = 2_000;
    /** How long the other nodes are given to release the segments. */
    static final Duration RELEASE_WAIT = Duration.ofSeconds(20);
    /** How long a pause lasts unless renewed: the other nodes resume by themselves should this node die. */
    static final Duration PAUSE = Duration.ofMinutes(2);
    private static final Logger LOG = LoggerFactory.getLogger(BulkReplay.class);

    private final EventProcessingConfiguration processing;
    private final EventStorageEngine storage;
    private final TokenStore tokens;
    private final TransactionManager transactions;
    private final ProcessorCluster cluster;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final AtomicLong folded = new AtomicLong();
    private final Map<UUID, Started> started = new ConcurrentHashMap<>();
    /** Folds a batch into each processor's read model side by side, a thread per processor at most. */
    private final ExecutorService folders = Executors.newFixedThreadPool(4, work -> {
        Thread thread = new Thread(work, "bulk-rebuild-fold");
        thread.setDaemon(true);
        return thread;
    });
    private final ExecutorService runner = Executors.newSingleThreadExecutor(work -> {
        Thread thread = new Thread(work, "bulk-rebuild");
        thread.setDaemon(true);
        return thread;
    });

    BulkReplay(EventProcessingConfiguration processing, EventStorageEngine storage, TokenStore tokens,
               TransactionManager transactions, ProcessorCluster cluster, JdbcTemplate jdbc, Clock clock) {
        this.processing = processing;
        this.storage = storage;
        this.tokens = tokens;
        this.transactions = transactions;
        this.cluster = cluster;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @PreDestroy
    void stop() {
        runner.shutdownNow();
        folders.shutdownNow();
    }

    /** What a rebuild did. */
    public record Result(List<String> processingGroups, long events, double seconds) {
    }

    /**
     * A rebuild started in the background: how far it is ({@code eventsFolded} of {@code headPosition}, the store's
     * head when it started), and how it ended ({@code error} names the failure's type, never data).
     */
    public record Status(UUID rebuildId, List<String> processingGroups, String requestedBy, Instant startedAt,
                         Long headPosition, long eventsFolded, boolean running, boolean done, Double seconds,
                         String error) {
    }

    /** A rebuild of this node (kept in memory, like {@link Replays}) and its outcome once it has one. */
    private record Started(UUID rebuildId, List<String> processingGroups, String requestedBy, Instant startedAt,
                           Long headPosition, CompletableFuture<Result> outcome) {
    }

    /**
     * Starts a rebuild of the given processing groups (streaming processors of this service) on a background thread;
     * refused at once when a group cannot be rebuilt or a rebuild is running on this node.
     */
    public synchronized Status start(List<String> processingGroups, String requestedBy) {
        Map<String, StreamingEventProcessor> processors = processors(processingGroups);
        if (started.values().stream().anyMatch(rebuild -> !rebuild.outcome().isDone())) {
            throw new RebuildRunning();
        }
        TrackingToken head = storage.createHeadToken();
        folded.set(0);
        Started rebuild = new Started(UUID.randomUUID(), List.copyOf(processors.keySet()), requestedBy,
                clock.instant(), head == null ? null : head.position().orElse(-1),
                CompletableFuture.supplyAsync(() -> run(processors, requestedBy), runner));
        started.put(rebuild.rebuildId(), rebuild);
        return status(rebuild);
    }

    /** Rebuilds and waits for the outcome (the benchmark). */
    public Result rebuild(List<String> processingGroups, String requestedBy) {
        try {
            return started.get(start(processingGroups, requestedBy).rebuildId()).outcome().join();
        } catch (CompletionException failed) {
            throw failed.getCause() instanceof RuntimeException cause ? cause : failed;
        }
    }

    public Optional<Status> status(UUID rebuildId) {
        return Optional.ofNullable(started.get(rebuildId)).map(this::status);
    }

    private Status status(Started rebuild) {
        CompletableFuture<Result> outcome = rebuild.outcome();
        Result result = outcome.isDone() && !outcome.isCompletedExceptionally() ? outcome.join() : null;
        String error = outcome.isCompletedExceptionally() ? outcome.handle((ok, failed) ->
                (failed instanceof CompletionException ? failed.getCause() : failed).getClass().getSimpleName())
                .join() : null;
        return new Status(rebuild.rebuildId(), rebuild.processingGroups(), rebuild.requestedBy(), rebuild.startedAt(),
                rebuild.headPosition(), result == null ? folded.get() : result.events(), !outcome.isDone(),
                result != null, result == null ? null : result.seconds(), error);
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
        try {
            pauseOthers(processors.keySet(), RELEASE_WAIT);
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
        } catch (RuntimeException failed) {
            LOG.warn("Bulk rebuild of {} failed: {}", processors.keySet(), failed.getClass().getSimpleName());
            throw failed;
        } finally {
            processors.keySet().forEach(cluster::resume);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        LOG.info("Bulk rebuild of {} folded {} events in {} s", processors.keySet(), folded.get(),
                Math.round(seconds));
        return new Result(List.copyOf(processors.keySet()), folded.get(), seconds);
    }

    /**
     * Asks the other nodes to release the groups' segments and keep them released for {@link #PAUSE} (renewed while
     * the fold runs); refuses when they still hold them after {@code wait}.
     */
    private void pauseOthers(Iterable<String> groups, Duration wait) {
        for (String group : groups) {
            if (!cluster.pauseOthers(group, wait, PAUSE) && !wait.isZero()) {
                throw new NotReplayable(group, "other nodes did not release its segments within " + wait.toSeconds()
                        + " s; try again, or stop them");
            }
        }
    }

    /**
     * Reads the store once and hands every batch to each processor; answers the token of the last event. The
     * processors fold a batch side by side (separate read models, one transaction each) while this thread reads and
     * deserializes the next one; a processor never sees a batch before it has finished the one before.
     */
    private TrackingToken fold(Map<String, StreamingEventProcessor> processors) {
        List<EventHandlerInvoker> invokers = processors.values().stream()
                .map(processor -> ((AbstractEventProcessor) processor).eventHandlerInvoker()).toList();
        TrackingToken last = null;
        long pausedAt = System.nanoTime();
        List<TrackedEventMessage<?>> batch = new ArrayList<>(BATCH);
        CompletableFuture<?> folding = CompletableFuture.completedFuture(null);
        try (Stream<? extends TrackedEventMessage<?>> events = storage.readEvents(null, false)) {
            Iterator<? extends TrackedEventMessage<?>> iterator = events.iterator();
            while (iterator.hasNext()) {
                TrackedEventMessage<?> event = iterator.next();
                // Deserialized here, once: the processors' threads then only read the payload and metadata.
                event.getPayload();
                event.getMetaData();
                batch.add(event);
                if (batch.size() == BATCH || !iterator.hasNext()) {
                    awaitFolded(folding);
                    folding = handle(invokers, batch);
                    last = batch.get(batch.size() - 1).trackingToken();
                    batch = new ArrayList<>(BATCH);
                    if (System.nanoTime() - pausedAt > PAUSE.toNanos() / 3) {
                        pauseOthers(processors.keySet(), Duration.ZERO);
                        pausedAt = System.nanoTime();
                    }
                }
            }
            awaitFolded(folding);
        } catch (RuntimeException failed) {
            awaitQuietly(folding);
            throw failed;
        }
        return last;
    }

    private static void awaitFolded(CompletableFuture<?> folding) {
        try {
            folding.join();
        } catch (CompletionException failed) {
            throw failed.getCause() instanceof RuntimeException cause ? cause : failed;
        }
    }

    /** Lets a batch still folding finish before a failure goes on: no transaction outlives the rebuild. */
    private static void awaitQuietly(CompletableFuture<?> folding) {
        try {
            folding.join();
        } catch (RuntimeException alreadyFailing) {
            LOG.debug("Bulk rebuild: a batch also failed ({})", alreadyFailing.getClass().getSimpleName());
        }
    }

    private CompletableFuture<Void> handle(List<EventHandlerInvoker> invokers, List<TrackedEventMessage<?>> batch) {
        CompletableFuture<?>[] each = invokers.stream()
                .map(invoker -> CompletableFuture.runAsync(() -> handle(invoker, batch), folders))
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(each).thenRun(() -> folded.addAndGet(batch.size()));
    }

    private void handle(EventHandlerInvoker invoker, List<TrackedEventMessage<?>> batch) {
        BatchingUnitOfWork<TrackedEventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(batch);
        unitOfWork.attachTransaction(transactions);
        // The read models were just emptied and grow by thousands of rows a batch: a plan cached while a table
        // was tiny (a sequential scan, an array parameter searched row by row) would make every later batch
        // slower than the one before. Each batch's statements are planned for the tables as they are now.
        jdbc.execute("SET LOCAL plan_cache_mode = force_custom_plan");
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

    /** A second rebuild while one runs on this node. */
    static final class RebuildRunning extends ProblemException {

        RebuildRunning() {
            super(Kind.CONFLICT, URI.create("urn:mincard:problem:rebuild-running"), "Rebuild running",
                    "A bulk rebuild is already running on this node; follow it, then start another.",
                    Map.of("code", "rebuild-running"));
        }
    }
}
