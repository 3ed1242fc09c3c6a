package org.mincard.application.workqueue;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A rebuild from the event store gives exactly the tables that live processing gave. */
class ReplayEqualityIT extends QueueItSupport {

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    EventStore eventStore;

    @Test
    void rebuildsTheWorkQueueAndDashboardTablesExactly() {
        UUID handedOver = approvedCase("Re Play");
        act("clerk-a", handedOver, "claim");
        act("clerk-a", handedOver, "produce-card");
        act("clerk-a", handedOver, "hand-over");
        UUID urgent = submit("clerk-a", SITE_A, "Re Urgent");
        act("supervisor", urgent, "priority", Map.of("priority", "URGENT"));
        act("supervisor", urgent, "assign", Map.of("clerkId", TEST_CLERK_ID));
        UUID withdrawn = submit("clerk-b", SITE_B, "Re Withdrawn");
        clock.advance(Duration.ofHours(3));
        act("clerk-b", withdrawn, "withdraw");
        awaitCaughtUp();
        Map<String, List<Map<String, Object>>> live = snapshot();

        ResponseEntity<Map<String, Object>> started = post("admin", "/api/v1/admin/replays",
                Map.of("processingGroup", "work-queue"));
        String progressPath = started.getHeaders().getLocation().getPath();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(get("admin", progressPath).getBody()).containsEntry("done", true));
        awaitCaughtUp();
        Map<String, List<Map<String, Object>>> rebuilt = snapshot();

        assertThat(started.getStatusCode().value()).isEqualTo(202);
        assertThat(live.get("work_queue_item")).isNotEmpty();
        assertThat(live.get("queue_stay")).isNotEmpty();
        assertThat(rebuilt).isEqualTo(live);
    }

    @Test
    void refusesToReplayASubscribingProcessor_andAnswersUnknownReplays() {
        ResponseEntity<Map<String, Object>> subscribing = post("admin", "/api/v1/admin/replays",
                Map.of("processingGroup", "card-registry"));
        ResponseEntity<Map<String, Object>> unknown = get("admin", "/api/v1/admin/replays/" + UUID.randomUUID());
        ResponseEntity<Map<String, Object>> bySupervisor = post("supervisor", "/api/v1/admin/replays",
                Map.of("processingGroup", "work-queue"));

        assertThat(subscribing.getStatusCode().value()).isEqualTo(422);
        assertThat(unknown.getStatusCode().value()).isEqualTo(404);
        assertThat(bySupervisor.getStatusCode().value()).isEqualTo(403);
    }

    private void awaitCaughtUp() {
        StreamingEventProcessor processor = processing.eventProcessor("work-queue", StreamingEventProcessor.class)
                .orElseThrow();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            long head = eventStore.createHeadToken().position().orElse(-1);
            assertThat(processor.processingStatus().values()).isNotEmpty().allSatisfy(segment -> {
                assertThat(segment.getCurrentPosition().orElse(-1)).isGreaterThanOrEqualTo(head);
            });
        });
    }

    private Map<String, List<Map<String, Object>>> snapshot() {
        return Map.of(
                "work_queue_item", jdbc.queryForList("SELECT * FROM read_model.work_queue_item ORDER BY case_id"),
                "queue_stay", jdbc.queryForList(
                        "SELECT * FROM read_model.queue_stay ORDER BY case_id, left_sequence"),
                "dashboard_fact", jdbc.queryForList(
                        "SELECT * FROM read_model.dashboard_fact ORDER BY source_id, sequence, kind"));
    }
}
