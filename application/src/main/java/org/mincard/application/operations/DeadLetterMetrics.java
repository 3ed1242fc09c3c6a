package org.mincard.application.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Gauges of parked events per processing group, so that an alert can fire on dead letters: they never make health
 * DOWN, and Axon 4 publishes no metric for them. Registered once the application is ready, when Axon has built its
 * processors. Each scrape counts rows in {@code deadletterentry}.
 */
@Component
class DeadLetterMetrics implements ApplicationListener<ApplicationReadyEvent> {

    private final EventProcessingConfiguration processing;
    private final MeterRegistry registry;

    DeadLetterMetrics(EventProcessingConfiguration processing, MeterRegistry registry) {
        this.processing = processing;
        this.registry = registry;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        for (String group : processing.eventProcessors().keySet()) {
            processing.deadLetterQueue(group).ifPresent(queue -> register(group, queue));
        }
    }

    private void register(String group, SequencedDeadLetterQueue<EventMessage<?>> queue) {
        Gauge.builder("mincard.deadletters.sequences", queue, SequencedDeadLetterQueue::amountOfSequences)
                .description("Sequences (cases) with parked events, per processing group")
                .tag("processingGroup", group)
                .register(registry);
        Gauge.builder("mincard.deadletters.events", queue, SequencedDeadLetterQueue::size)
                .description("Parked events, per processing group")
                .tag("processingGroup", group)
                .register(registry);
    }
}
