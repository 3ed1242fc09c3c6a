package org.mincard.application.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.mincard.application.config.ProcessorCluster;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

import java.util.OptionalLong;

/**
 * Gauges an operator and the alert rules watch per streaming processor: segments claimed on this node and in total
 * (summed over nodes, unclaimed segments show as claimed &lt; total), and how many events this node's segments are
 * behind the head of the event store; for pooled processors also the segments no node has claimed (cluster-wide),
 * the live nodes sharing them and this node's fair share (ADR 0023). Axon 4 publishes neither the head nor the segment
 * count. Registered once the application is ready, when Axon has built its processors.
 */
@Component
class EventProcessorMetrics implements ApplicationListener<ApplicationReadyEvent> {

    private final EventProcessingConfiguration processing;
    private final TokenStore tokens;
    private final EventStore events;
    private final MeterRegistry registry;
    private final ProcessorCluster cluster;

    EventProcessorMetrics(EventProcessingConfiguration processing, TokenStore tokens, EventStore events,
                     MeterRegistry registry, ProcessorCluster cluster) {
        this.processing = processing;
        this.cluster = cluster;
        this.tokens = tokens;
        this.events = events;
        this.registry = registry;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        processing.eventProcessors().forEach((name, processor) -> register(name, processor));
    }

    private void register(String name, EventProcessor processor) {
        Gauge.builder("mincard.processor.running", processor, p -> p.isRunning() && !p.isError() ? 1 : 0)
                .description("1 while the processor runs on this node without error")
                .tag("processor", name).register(registry);
        if (!(processor instanceof StreamingEventProcessor streaming)) {
            return;
        }
        Gauge.builder("mincard.processor.segments.claimed", streaming, s -> s.processingStatus().size())
                .description("Segments this node has claimed").tag("processor", name).register(registry);
        Gauge.builder("mincard.processor.segments", tokens, t -> t.fetchSegments(name).length)
                .description("Segments the processor has in the token store (all nodes)")
                .tag("processor", name).register(registry);
        if (cluster.processors().containsKey(name)) {
            Gauge.builder("mincard.processor.segments.unclaimed", cluster, c -> c.view(name).unclaimed())
                    .description("Segments no node has claimed, read from the token store (the same on every node)")
                    .tag("processor", name).register(registry);
            Gauge.builder("mincard.processor.nodes", cluster, c -> c.liveNodes(name).size())
                    .description("Nodes sharing the processor's segments, as this node last saw them")
                    .tag("processor", name).register(registry);
            Gauge.builder("mincard.processor.segments.fair.share", cluster, c -> c.fairShare(name))
                    .description("Segments this node may claim: its fair share among the live nodes")
                    .tag("processor", name).register(registry);
        }
        Gauge.builder("mincard.processor.lag.events", streaming, this::lag)
                .description("Events between the head of the store and the slowest segment claimed on this node")
                .tag("processor", name).register(registry);
    }

    private double lag(StreamingEventProcessor processor) {
        OptionalLong head = position(events.createHeadToken());
        long slowest = Long.MAX_VALUE;
        for (EventTrackerStatus status : processor.processingStatus().values()) {
            OptionalLong current = status.getCurrentPosition();
            slowest = Math.min(slowest, current.isPresent() ? current.getAsLong() : -1);
        }
        if (head.isEmpty() || slowest == Long.MAX_VALUE) {
            return 0;
        }
        return Math.max(0, head.getAsLong() - slowest);
    }

    private static OptionalLong position(TrackingToken token) {
        return token == null ? OptionalLong.empty() : token.position();
    }
}
