package org.mincard.application.config;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a streaming event processor has caught up with the event store. The segments this node has claimed are read
 * from Axon's processor API ({@link StreamingEventProcessor#processingStatus()}); the segments other nodes work on
 * (ADR 0023: the nodes share them) from the token store, through {@link ProcessorTokenStore#segments}, never by SQL of
 * ours. A processor counts as caught up when its segments together cover the whole stream and each has reached the
 * head.
 */
@Component
public class ProcessorProgress {

    private final EventStore eventStore;
    private final EventProcessingConfiguration processing;
    private final ProcessorTokenStore tokens;

    ProcessorProgress(EventStore eventStore, EventProcessingConfiguration processing, ProcessorTokenStore tokens) {
        this.eventStore = eventStore;
        this.processing = processing;
        this.tokens = tokens;
    }

    /**
     * Waits until the processor of {@code processingGroup} has handled every event stored before this call, at most
     * {@code timeout}; answers whether it did.
     */
    public boolean awaitCaughtUp(String processingGroup, Duration timeout) {
        TrackingToken headToken = eventStore.createHeadToken();
        long head = headToken == null ? -1 : headToken.position().orElse(-1);
        return awaitPosition(processingGroup, head, timeout);
    }

    /**
     * Waits until the processor of {@code processingGroup} has handled the event at global position {@code position}
     * (and everything before it that it has seen), at most {@code timeout}; answers whether it did.
     */
    public boolean awaitPosition(String processingGroup, long position, Duration timeout) {
        long head = position;
        if (head < 0) {
            return true;
        }
        Optional<StreamingEventProcessor> processor =
                processing.eventProcessor(processingGroup, StreamingEventProcessor.class);
        if (processor.isEmpty()) {
            return false;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!reached(processingGroup, processor.get().processingStatus(), head)) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /**
     * This node's segments from the processor; when they do not cover the whole stream, the others from the token
     * store as their nodes last stored them (a stored token is committed together with the read model's rows).
     */
    private boolean reached(String processingGroup, Map<Integer, EventTrackerStatus> local, long head) {
        if (reached(local, head)) {
            return true;
        }
        for (EventTrackerStatus segment : local.values()) {
            if (segment.isErrorState() || !atOrBeyond(segment.getTrackingToken(), head)) {
                return false;
            }
        }
        List<ProcessorTokenStore.SegmentClaim> stored = tokens.segments(processingGroup);
        if (stored.isEmpty()) {
            return false;
        }
        int[] ids = stored.stream().mapToInt(ProcessorTokenStore.SegmentClaim::segment).toArray();
        long whole = 1L << 32;
        long covered = 0;
        for (ProcessorTokenStore.SegmentClaim segment : stored) {
            if (!local.containsKey(segment.segment()) && !atOrBeyond(segment.token(), head)) {
                return false;
            }
            covered += whole / (Segment.computeSegment(segment.segment(), ids).getMask() + 1L);
        }
        return covered == whole;
    }

    private static boolean atOrBeyond(TrackingToken token, long head) {
        if (token == null || token.position().orElse(-1) < head) {
            return false;
        }
        Optional<GapAwareTrackingToken> gapAware = WrappedToken.unwrap(token, GapAwareTrackingToken.class);
        return gapAware.isEmpty() || !gapAware.get().getGaps().contains(head);
    }

    /**
     * Every claimed segment at or beyond {@code head}, and the segments covering the whole stream: a segment of mask
     * m covers 1/(m + 1) of it, so the covered shares add up to one exactly when no segment is missing.
     */
    static boolean reached(Map<Integer, EventTrackerStatus> status, long head) {
        long whole = 1L << 32;
        long covered = 0;
        for (EventTrackerStatus segment : status.values()) {
            if (segment.isErrorState() || segment.getCurrentPosition().orElse(-1) < head) {
                return false;
            }
            // A gap-aware token can stand beyond the head while the head itself is still one of its gaps.
            Optional<GapAwareTrackingToken> token = WrappedToken.unwrap(segment.getTrackingToken(),
                    GapAwareTrackingToken.class);
            if (token.isPresent() && token.get().getGaps().contains(head)) {
                return false;
            }
            covered += whole / (segment.getSegment().getMask() + 1L);
        }
        return covered == whole;
    }
}
