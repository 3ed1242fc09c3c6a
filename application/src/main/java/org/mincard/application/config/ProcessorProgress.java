package org.mincard.application.config;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a streaming event processor has caught up with the event store, read from Axon's processor API
 * ({@link StreamingEventProcessor#processingStatus()}), never from its token table. A processor reports the segments
 * this node has claimed; it counts as caught up only when those segments together cover the whole stream and each has
 * reached the head. Segments claimed by another node are not visible here: on a node that does not process the whole
 * group, {@link #awaitCaughtUp} waits its timeout and answers false.
 */
@Component
public class ProcessorProgress {

    private final EventStore eventStore;
    private final EventProcessingConfiguration processing;

    ProcessorProgress(EventStore eventStore, EventProcessingConfiguration processing) {
        this.eventStore = eventStore;
        this.processing = processing;
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
        while (!reached(processor.get().processingStatus(), head)) {
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
