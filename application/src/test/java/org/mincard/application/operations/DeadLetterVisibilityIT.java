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
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A projection that fails parks its events in the dead-letter queue, operators can see that without SQL, and retry
 * the parked events over HTTP once the cause is fixed.
 */
@SuppressWarnings({"unchecked", "rawtypes"})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "axon.eventhandling.processors.always-failing.mode=pooled",
        "axon.eventhandling.processors.always-failing.dlq.enabled=true",
        "axon.eventhandling.processors.fixable.mode=pooled",
        "axon.eventhandling.processors.fixable.dlq.enabled=true"
})
class DeadLetterVisibilityIT {

    /** Body-less POSTs still declare JSON: the API refuses any other POST (CSRF defence, docs/security.md). */
    private static final HttpEntity<Void> JSON_NO_BODY = jsonNoBody();

    private static HttpEntity<Void> jsonNoBody() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(headers);
    }

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

    @Test
    void listsAndRetriesParkedSequences_untilTheFixedHandlerTakesThem() {
        UUID probe = UUID.randomUUID();
        events.publish(new FixableProbePublished(probe));
        await().atMost(Duration.ofSeconds(20)).until(() -> fixable().get("sequences").equals(1));
        Map<String, Object> listed = admin().getForObject("/api/v1/admin/dead-letters", Map.class);

        Map<String, Object> whileBroken = retry();
        FixableProjection.fixed.set(true);
        Map<String, Object> afterFix = retry();

        assertThat((List<Map<String, Object>>) listed.get("sequences")).anySatisfy(sequence -> assertThat(sequence)
                .containsEntry("processingGroup", "fixable").containsEntry("events", 1)
                .containsEntry("causeType", IllegalStateException.class.getName()).containsKey("firstEnqueuedAt"));
        assertThat(whileBroken).containsEntry("attempted", 1).containsEntry("succeeded", 0)
                .containsEntry("remainingSequences", 1);
        assertThat(afterFix).containsEntry("attempted", 1).containsEntry("succeeded", 1)
                .containsEntry("remainingSequences", 0);
        assertThat(FixableProjection.handled).containsExactly(probe);
        assertThat(fixable()).containsEntry("sequences", 0).containsEntry("events", 0);
        assertThat(rest.withBasicAuth("clerk-a", "test-password")
                .postForEntity("/api/v1/admin/dead-letters/fixable/retries", JSON_NO_BODY, String.class)
                .getStatusCode().value()).isEqualTo(403);
        assertThat(admin().postForEntity("/api/v1/admin/dead-letters/no-such-group/retries", JSON_NO_BODY, String.class)
                .getStatusCode().value()).isEqualTo(404);
    }

    private TestRestTemplate admin() {
        return rest.withBasicAuth("admin", "test-password");
    }

    private Map<String, Object> fixable() {
        Map<String, Object> listed = admin().getForObject("/api/v1/admin/dead-letters", Map.class);
        return ((List<Map<String, Object>>) listed.get("groups")).stream()
                .filter(group -> "fixable".equals(group.get("processingGroup"))).findFirst().orElseThrow();
    }

    private Map<String, Object> retry() {
        ResponseEntity<Map> answer = admin().postForEntity("/api/v1/admin/dead-letters/fixable/retries", JSON_NO_BODY,
                Map.class);
        assertThat(answer.getStatusCode().value()).as("%s", answer.getBody()).isEqualTo(200);
        return answer.getBody();
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

    record FixableProbePublished(UUID probeId) {
    }

    /** Fails until the test "deploys the fix". */
    @ProcessingGroup("fixable")
    static class FixableProjection {

        static final AtomicBoolean fixed = new AtomicBoolean();
        static final List<UUID> handled = new CopyOnWriteArrayList<>();

        @EventHandler
        void on(FixableProbePublished event) {
            if (!fixed.get()) {
                throw new IllegalStateException("not fixed yet");
            }
            handled.add(event.probeId());
        }
    }

    @TestConfiguration
    static class FailingProjectionConfig {

        @Bean
        AlwaysFailingProjection alwaysFailingProjection() {
            return new AlwaysFailingProjection();
        }

        @Bean
        FixableProjection fixableProjection() {
            return new FixableProjection();
        }
    }
}
