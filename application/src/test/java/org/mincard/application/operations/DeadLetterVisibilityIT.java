package org.mincard.application.operations;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A projection that fails parks its events in the dead-letter queue, and operators can see that without SQL. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "axon.eventhandling.processors.always-failing.mode=pooled",
        "axon.eventhandling.processors.always-failing.dlq.enabled=true"
})
class DeadLetterVisibilityIT {

    @Autowired
    EventGateway events;

    @Autowired
    TestRestTemplate rest;

    @Autowired
    EventProcessorHealthIndicator processorHealth;

    @Test
    void reportsParkedEventsInMetricsAndHealthWithoutGoingDown_whenAHandlerFails() {
        events.publish(new ProbePublished(UUID.randomUUID()));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                rest.getForObject("/actuator/prometheus", String.class))
                .contains("mincard_deadletters_sequences{processingGroup=\"always-failing\"} 1.0")
                .contains("mincard_deadletters_events{processingGroup=\"always-failing\"} 1.0"));
        Health health = processorHealth.health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).extractingByKey("always-failing").asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("deadLetterSequences", 1L)
                .containsEntry("deadLetters", 1L);
    }

    /** A test-only event; no production handler knows it. */
    record ProbePublished(UUID probeId) {
    }

    @ProcessingGroup("always-failing")
    static class AlwaysFailingProjection {

        @EventHandler
        void on(ProbePublished event) {
            throw new IllegalStateException("this projection always fails");
        }
    }

    @TestConfiguration
    static class FailingProjectionConfig {

        @Bean
        AlwaysFailingProjection alwaysFailingProjection() {
            return new AlwaysFailingProjection();
        }
    }
}
