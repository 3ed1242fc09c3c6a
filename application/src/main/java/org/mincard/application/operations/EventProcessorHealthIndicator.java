package org.mincard.application.operations;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.mincard.application.config.ProcessorCluster;
import org.mincard.application.config.ProcessorsProperties;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reports every event processor: running or not, segments claimed here, caught up, and segments in error; for the
 * pooled processors also the cluster-wide view (ADR 0023): segments in the token store, segments no node has claimed
 * and for how long, the live nodes, this node's fair share, and how far the slowest segment (on any node) is behind the
 * head of the event store. DOWN when a processor is stopped or in error here, a segment is in error, a segment has been
 * claimed by no node for longer than {@code mincard.processors.unclaimed-threshold}, or the slowest segment is more
 * than {@code mincard.processors.max-lag-events} behind: in each case some read model stands still. Dead letters are
 * reported, but do not change the status: the processor has parked them precisely so it can go on. Not part of the
 * liveness or readiness groups: a stalled read model is a reason to alert, not to restart or unroute a node.
 */
@Component("eventProcessors")
class EventProcessorHealthIndicator extends AbstractHealthIndicator {

    private final EventProcessingConfiguration processing;
    private final ProcessorCluster cluster;
    private final ProcessorsProperties properties;

    EventProcessorHealthIndicator(EventProcessingConfiguration processing, ProcessorCluster cluster,
                                  ProcessorsProperties properties) {
        super("event processor health check failed");
        this.processing = processing;
        this.cluster = cluster;
        this.properties = properties;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        boolean healthy = true;
        Map<String, Object> details = new LinkedHashMap<>();
        Map<String, ?> pooled = cluster.processors();
        for (EventProcessor processor : processing.eventProcessors().values()) {
            Map<String, Object> status = new LinkedHashMap<>();
            status.put("running", processor.isRunning());
            status.put("error", processor.isError());
            healthy &= processor.isRunning() && !processor.isError();
            if (processor instanceof StreamingEventProcessor streaming) {
                Map<Integer, EventTrackerStatus> segments = streaming.processingStatus();
                long inError = segments.values().stream().filter(EventTrackerStatus::isErrorState).count();
                status.put("segmentsClaimed", segments.size());
                status.put("segmentsInError", inError);
                status.put("caughtUp", !segments.isEmpty()
                        && segments.values().stream().allMatch(EventTrackerStatus::isCaughtUp));
                healthy &= inError == 0;
            }
            if (pooled.containsKey(processor.getName())) {
                ProcessorCluster.View view = cluster.view(processor.getName());
                boolean stranded = view.unclaimed() > 0
                        && view.longestUnclaimed().compareTo(properties.unclaimedThreshold()) > 0;
                boolean behind = view.lagEvents() > properties.maxLagEvents();
                status.put("segments", view.segments());
                status.put("segmentsUnclaimed", view.unclaimed());
                status.put("longestUnclaimedSeconds", view.longestUnclaimed().toSeconds());
                status.put("fairShare", view.fairShare());
                status.put("liveNodes", view.liveNodes().size());
                status.put("lagEvents", view.lagEvents());
                status.put("replaying", view.replaying());
                if (stranded) {
                    status.put("problem", "segments claimed by no node for longer than "
                            + properties.unclaimedThreshold());
                } else if (behind) {
                    status.put("problem", "more than " + properties.maxLagEvents() + " events behind the event store");
                }
                healthy &= !stranded && !behind;
            }
            processing.deadLetterQueue(processor.getName()).ifPresent(queue -> {
                status.put("deadLetterSequences", queue.amountOfSequences());
                status.put("deadLetters", queue.size());
            });
            details.put(processor.getName(), status);
        }
        (healthy ? builder.up() : builder.down()).withDetails(details);
    }
}
