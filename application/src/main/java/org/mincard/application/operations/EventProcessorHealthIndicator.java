package org.mincard.application.operations;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reports every streaming event processor: running or not, segments claimed, caught up, and segments in error.
 * A stopped processor or a segment in error means read models stop moving, so health goes DOWN. Dead letters are
 * reported too, but do not change the status: the processor has parked them precisely so it can go on.
 */
@Component("eventProcessors")
class EventProcessorHealthIndicator extends AbstractHealthIndicator {

    private final EventProcessingConfiguration processing;

    EventProcessorHealthIndicator(EventProcessingConfiguration processing) {
        super("event processor health check failed");
        this.processing = processing;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        boolean healthy = true;
        Map<String, Object> details = new LinkedHashMap<>();
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
            processing.deadLetterQueue(processor.getName()).ifPresent(queue -> {
                status.put("deadLetterSequences", queue.amountOfSequences());
                status.put("deadLetters", queue.size());
            });
            details.put(processor.getName(), status);
        }
        (healthy ? builder.up() : builder.down()).withDetails(details);
    }
}
