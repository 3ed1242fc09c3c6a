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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A rebuild from the event store gives exactly the tables that live processing gave (work queues, case view, the
 * retention schedule).
 */
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
    void rebuildsTheCaseViewTablesExactly() {
        UUID mailed = approvedCase("View Mailed");
        act("clerk-a", mailed, "claim");
        act("clerk-a", mailed, "produce-card");
        awaitCaseState(mailed, "CARD_PRODUCED");
        act("clerk-a", mailed, "mail", Map.of("delivery", Map.of("street", "2 Other St", "city", "Chicago",
                "region", "IL", "postalCode", "60602")));
        UUID denied = submit("clerk-b", SITE_B, "View Denied");
        act("clerk-b", denied, "check-in");
        awaitCaseState(denied, "CHECKED_IN");
        act("clerk-b", denied, "review", review("FOREIGN_PASSPORT"));
        act("clerk-b", denied, "deny", Map.of("reason", "INSUFFICIENT_DOCUMENTS"));
        awaitCaseState(mailed, "MAILED");
        awaitCaseState(denied, "DENIED");
        awaitCaughtUp("case-view");
        Map<String, List<Map<String, Object>>> live = caseViewSnapshot();

        ResponseEntity<Map<String, Object>> started = post("admin", "/api/v1/admin/replays",
                Map.of("processingGroup", "case-view"));
        String progressPath = started.getHeaders().getLocation().getPath();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(get("admin", progressPath).getBody()).containsEntry("done", true));
        awaitCaughtUp("case-view");
        Map<String, List<Map<String, Object>>> rebuilt = caseViewSnapshot();

        assertThat(started.getStatusCode().value()).isEqualTo(202);
        assertThat(live.get("case_view")).isNotEmpty();
        assertThat(live.get("case_sealed_field").toString()).contains("CARD_NUMBER", "REVIEW");
        assertThat(rebuilt).isEqualTo(live);
    }

    @Test
    void rebuildsTheRetentionScheduleExactly() {
        UUID handedOver = approvedCase("Sched Handed");
        act("clerk-a", handedOver, "claim");
        act("clerk-a", handedOver, "produce-card");
        act("clerk-a", handedOver, "hand-over");
        UUID withdrawn = submit("clerk-a", SITE_A, "Sched Withdrawn");
        act("clerk-a", withdrawn, "withdraw");
        UUID denied = submit("clerk-b", SITE_B, "Sched Denied");
        act("clerk-b", denied, "check-in");
        awaitCaseState(denied, "CHECKED_IN");
        act("clerk-b", denied, "review", review("FOREIGN_PASSPORT"));
        act("clerk-b", denied, "deny", Map.of("reason", "INSUFFICIENT_DOCUMENTS"));
        awaitCaseState(denied, "DENIED");
        awaitCaughtUp("retention-schedule");
        Map<String, List<Map<String, Object>>> live = scheduleSnapshot();

        ResponseEntity<Map<String, Object>> started = post("admin", "/api/v1/admin/replays",
                Map.of("processingGroup", "retention-schedule"));
        String progressPath = started.getHeaders().getLocation().getPath();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(get("admin", progressPath).getBody()).containsEntry("done", true));
        awaitCaughtUp("retention-schedule");
        Map<String, List<Map<String, Object>>> rebuilt = scheduleSnapshot();

        assertThat(started.getStatusCode().value()).isEqualTo(202);
        assertThat(live.get("schedule_item").toString()).contains("CARD_RECORD", "DELIVERY", "REVIEW");
        assertThat(live.get("schedule_item")).anySatisfy(item -> assertThat(item.get("due_at")).isNotNull());
        assertThat(rebuilt).isEqualTo(live);
    }

    @Test
    void rebuildsTheAnnualFiguresExactly() {
        UUID handedOver = approvedCase("Fig Handed");
        act("clerk-a", handedOver, "claim");
        act("clerk-a", handedOver, "produce-card");
        act("clerk-a", handedOver, "hand-over");
        UUID withdrawn = submit("clerk-b", SITE_B, "Fig Withdrawn");
        act("clerk-b", withdrawn, "withdraw");
        awaitCaughtUp("annual-figures");
        List<Map<String, Object>> live = figuresSnapshot();

        ResponseEntity<Map<String, Object>> started = post("admin", "/api/v1/admin/replays",
                Map.of("processingGroup", "annual-figures"));
        String progressPath = started.getHeaders().getLocation().getPath();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(get("admin", progressPath).getBody()).containsEntry("done", true));
        awaitCaughtUp("annual-figures");
        List<Map<String, Object>> rebuilt = figuresSnapshot();

        assertThat(started.getStatusCode().value()).isEqualTo(202);
        assertThat(live).extracting(row -> row.get("section") + "/" + row.get("item"))
                .contains("CASES_BY_SITE/" + SITE_B, "CASE_OUTCOMES/APPROVED", "CASE_OUTCOMES/WITHDRAWN", "CARDS/NEW");
        assertThat(rebuilt).isEqualTo(live);
    }

    @Test
    void aReplayIsDone_onceItPassesTheHeadAtItsStart_whileNewEventsKeepComing() throws Exception {
        approvedCase("Steady Before");
        awaitCaughtUp();
        AtomicBoolean appending = new AtomicBoolean(true);
        ExecutorService appender = Executors.newSingleThreadExecutor();
        Future<Integer> appended = appender.submit(() -> {
            int cases = 0;
            while (appending.get()) {
                submit("clerk-a", SITE_A, "Steady Stream");
                cases++;
            }
            return cases;
        });
        String progressPath;
        try {
            ResponseEntity<Map<String, Object>> started = post("admin", "/api/v1/admin/replays",
                    Map.of("processingGroup", "work-queue"));
            assertThat(started.getStatusCode().value()).isEqualTo(202);
            progressPath = started.getHeaders().getLocation().getPath();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(get("admin", progressPath).getBody()).containsEntry("done", true));
        } finally {
            appending.set(false);
            appender.shutdown();
        }
        assertThat(appended.get(30, TimeUnit.SECONDS)).isPositive();

        // Done stays done when the processor falls behind the head afterwards (a lag is health's business).
        StreamingEventProcessor workQueue = processing.eventProcessor("work-queue", StreamingEventProcessor.class)
                .orElseThrow();
        workQueue.shutDown();
        try {
            submit("clerk-a", SITE_A, "Steady After");
            Map<String, Object> progress = get("admin", progressPath).getBody();
            assertThat(progress).containsEntry("done", true);
            assertThat(((Number) progress.get("headPosition")).longValue())
                    .isGreaterThan(((Number) progress.get("targetPosition")).longValue());
        } finally {
            workQueue.start();
        }
        awaitCaughtUp();
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
        awaitCaughtUp("work-queue");
    }

    private void awaitCaughtUp(String processingGroup) {
        StreamingEventProcessor processor = processing.eventProcessor(processingGroup, StreamingEventProcessor.class)
                .orElseThrow();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            long head = eventStore.createHeadToken().position().orElse(-1);
            assertThat(processor.processingStatus().values()).isNotEmpty().allSatisfy(segment -> {
                assertThat(segment.getCurrentPosition().orElse(-1)).isGreaterThanOrEqualTo(head);
            });
        });
    }

    private Map<String, List<Map<String, Object>>> caseViewSnapshot() {
        return Map.of(
                "case_view", jdbc.queryForList("SELECT * FROM read_model.case_view ORDER BY case_id"),
                "case_history", jdbc.queryForList("SELECT * FROM read_model.case_history ORDER BY case_id, sequence"),
                "case_sealed_field", jdbc.queryForList("""
                        SELECT case_id, field, subject_id, data_class, key_version, encode(ciphertext, 'hex') AS hex
                        FROM read_model.case_sealed_field ORDER BY case_id, field"""));
    }

    private List<Map<String, Object>> figuresSnapshot() {
        return jdbc.queryForList("SELECT * FROM read_model.annual_figure ORDER BY source_id, sequence, section");
    }

    private Map<String, List<Map<String, Object>>> scheduleSnapshot() {
        return Map.of(
                "schedule_source", jdbc.queryForList("SELECT * FROM retention.schedule_source ORDER BY source_id"),
                "schedule_sealed", jdbc.queryForList(
                        "SELECT * FROM retention.schedule_sealed ORDER BY source_id, data_class"),
                "schedule_fact", jdbc.queryForList("SELECT * FROM retention.schedule_fact ORDER BY source_id, fact"),
                "schedule_item", jdbc.queryForList(
                        "SELECT * FROM retention.schedule_item ORDER BY cardholder_id, data_class"));
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
