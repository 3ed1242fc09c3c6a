package org.mincard.application.operations;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.mincard.application.config.ProcessorCluster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs replays of streaming processors with Axon's own reset: shut the processor down, reset its tokens (which calls
 * the projection's reset handler), start it. Replays started since this node started are remembered in memory; the
 * tokens themselves are the durable truth of where a replay stands.
 */
@Component
public class Replays {

    private static final Logger LOG = LoggerFactory.getLogger(Replays.class);

    /** How long a replay's start waits for the other nodes to release the group's segments (about 2 claim rounds). */
    private static final Duration RELEASE_WAIT = Duration.ofSeconds(20);

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final Clock clock;
    private final ProcessorCluster cluster;
    private final Map<UUID, Started> started = new ConcurrentHashMap<>();
    private final Set<UUID> finished = ConcurrentHashMap.newKeySet();

    Replays(EventProcessingConfiguration processing, EventStore eventStore, Clock clock, ProcessorCluster cluster) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.clock = clock;
        this.cluster = cluster;
    }

    private record Started(UUID replayId, String processingGroup, String requestedBy, Instant startedAt,
                           Long targetPosition) {
    }

    /** One segment: where it is, and whether it is still replaying events it had handled before the reset. */
    public record Segment(int segmentId, Long position, boolean replaying, boolean caughtUp, String error) {
    }

    /**
     * A replay's progress; done once every segment, on every node, has passed {@code targetPosition}, the event store's
     * head when the tokens were reset: the events before it are the replay, those after it are new events, processed
     * live as they come. A live cluster keeps appending, so the head of this answer ({@code headPosition}) is usually a
     * little ahead even when done. A segment may still say "replaying" after that until the next new event (Axon's
     * replay flag).
     */
    public record Progress(UUID replayId, String processingGroup, String requestedBy, Instant startedAt,
                           Long targetPosition, Long headPosition, boolean running, boolean done,
                           List<Segment> segments) {
    }

    /**
     * Starts a replay of the processing group from this node, on a live cluster: every other node is asked to release
     * the group's segments (ADR 0023), this node stops its processor, resets every segment's token (which needs every
     * claim) and starts again; then the other nodes claim their shares back and the replay runs on all of them.
     */
    public Progress start(String processingGroup, String requestedBy) {
        StreamingEventProcessor processor = processor(processingGroup);
        if (!processor.supportsReset()) {
            throw notReplayable(processingGroup, "its handlers do not support a reset");
        }
        LOG.info("Replay of {} requested by {}", processingGroup, requestedBy);
        Long target;
        try {
            if (!cluster.pauseOthers(processingGroup, RELEASE_WAIT, RELEASE_WAIT.multipliedBy(4))) {
                throw notReplayable(processingGroup, "other nodes did not release its segments within "
                        + RELEASE_WAIT.toSeconds() + " s; try again, or stop them");
            }
            processor.shutDown();
            TrackingToken head = eventStore.createHeadToken();
            target = head == null ? null : boxed(head.position());
            try {
                processor.resetTokens();
            } finally {
                processor.start();
            }
        } finally {
            cluster.resume(processingGroup);
        }
        Started replay = new Started(UUID.randomUUID(), processingGroup, requestedBy, clock.instant(), target);
        started.put(replay.replayId(), replay);
        return progress(replay);
    }

    /** Replays started on this node that have not caught up yet. */
    public long running() {
        return started.values().stream().filter(replay -> !progress(replay).done()).count();
    }

    public Optional<Progress> progress(UUID replayId) {
        return Optional.ofNullable(started.get(replayId)).map(this::progress);
    }

    private Progress progress(Started replay) {
        StreamingEventProcessor processor = processor(replay.processingGroup());
        TrackingToken head = eventStore.createHeadToken();
        Long headPosition = head == null ? null : boxed(head.position());
        List<Segment> segments = new ArrayList<>();
        Map<Integer, EventTrackerStatus> status = processor.processingStatus();
        status.values().stream().sorted((a, b) -> Integer.compare(a.getSegment().getSegmentId(),
                b.getSegment().getSegmentId())).forEach(segment -> segments.add(new Segment(
                segment.getSegment().getSegmentId(), boxed(segment.getCurrentPosition()), segment.isReplaying(),
                segment.isCaughtUp(), segment.isErrorState() ? segment.getError().getClass().getSimpleName() : null)));
        // Not "no segment replaying": Axon keeps a segment's replay flag until it handles an event past the reset
        // point, which never comes while nothing new is appended. Not "caught up with the current head" either: on a
        // live cluster the head moves on with every command, and a replay would never be done under steady load.
        Long target = replay.targetPosition();
        boolean done = finished.contains(replay.replayId());
        if (!done && segments.stream().allMatch(segment -> segment.error() == null)) {
            if (cluster.processors().containsKey(replay.processingGroup())) {
                // Segments shared across nodes (ADR 0023): this node's are only part of the stream, so the stored
                // tokens of every segment, whichever node holds it, say how far the replay is.
                Long slowest = cluster.view(replay.processingGroup()).slowestPosition();
                done = slowest != null && (target == null || slowest >= target);
            } else {
                done = !segments.isEmpty() && segments.stream().allMatch(segment -> segment.caughtUp()
                        && (target == null || segment.position() != null && segment.position() >= target));
            }
        }
        if (done) {
            // Once past the target a replay stays done: a processor that later lags behind is the lag alarm's
            // business (health, ADR 0023), not a replay that never ends.
            finished.add(replay.replayId());
        }
        return new Progress(replay.replayId(), replay.processingGroup(), replay.requestedBy(), replay.startedAt(),
                target, headPosition, processor.isRunning(), done, segments);
    }

    private StreamingEventProcessor processor(String processingGroup) {
        return processing.eventProcessor(processingGroup, StreamingEventProcessor.class)
                .orElseThrow(() -> notReplayable(processingGroup, "it is not a streaming processor of this service"));
    }

    private static NotReplayable notReplayable(String processingGroup, String why) {
        return new NotReplayable(processingGroup, why);
    }

    private static Long boxed(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }
}
