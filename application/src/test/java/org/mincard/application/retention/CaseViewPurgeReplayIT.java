package org.mincard.application.retention;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.mincard.application.MovableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A replay of the case view after a sweep: the purged classes' sealed copies, which the sweep removed, do not come
 * back from the events that carried them, and a read of them is still recorded as a purged read.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CaseViewPurgeReplayIT {

    @TestConfiguration
    static class ClockConfig {

        @Bean
        @Primary
        MovableClock testClock() {
            return new MovableClock(Instant.parse("2026-02-02T15:00:00Z"));
        }
    }

    @Autowired
    TestRestTemplate rest;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MovableClock clock;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    EventStore eventStore;

    @Test
    void keepsPurgedClassesOutOfTheCaseView_whenItIsReplayedAfterASweep() {
        RetentionApi clerk = new RetentionApi(rest, "clerk-a");
        UUID issued = clerk.submit(RetentionApi.application("Replay Issued"));
        clerk.act(issued, "check-in");
        clerk.awaitState(issued, "CHECKED_IN");
        clerk.act(issued, "review", RetentionApi.review("seen in person"));
        clerk.act(issued, "approve");
        clerk.awaitState(issued, "APPROVED");
        clerk.act(issued, "produce-card");
        clerk.act(issued, "hand-over");
        clerk.awaitState(issued, "HANDED_OVER");
        UUID noShow = clerk.submit(RetentionApi.application("Replay NoShow"));
        clerk.act(noShow, "mark-no-show");
        clerk.awaitState(noShow, "NO_SHOW");
        UUID holder = UUID.fromString((String) clerk.get("/api/v1/cases/" + issued).getBody().get("cardholderId"));
        clock.advance(Duration.ofMinutes(1));
        Map<String, Object> sweep = clerk.as("records-officer").sweep();
        assertThat((Integer) sweep.get("purged")).isGreaterThanOrEqualTo(5);
        awaitCaughtUp();
        List<Map<String, Object>> live = sealedCopies();
        assertThat(fieldsOf(live, issued)).containsExactlyInAnyOrder("CARD_NUMBER", "CARD_RECORD");
        assertThat(fieldsOf(live, noShow)).containsExactly("CARD_RECORD");

        replayCaseView();

        List<Map<String, Object>> rebuilt = sealedCopies();
        assertThat(rebuilt).isEqualTo(live);
        assertThat(jdbc.queryForList("SELECT data_class FROM read_model.case_purged_class WHERE subject_id = ?",
                String.class, holder)).contains("CONTACT", "DELIVERY", "REVIEW");
        HttpHeaders purpose = new HttpHeaders();
        purpose.set("X-Access-Purpose", "CASE_WORK");
        ResponseEntity<Map> read = rest.withBasicAuth("clerk-a", "test-password").exchange(
                "/api/v1/cases/" + issued + "/personal-data?fields=CONTACT", HttpMethod.GET,
                new HttpEntity<>(purpose), Map.class);
        assertThat(read.getStatusCode().value()).isEqualTo(200);
        assertThat((Map<String, Object>) read.getBody().get("fields"))
                .containsEntry("CONTACT", Map.of("purged", "CONTACT"));
        assertThat(jdbc.queryForList("SELECT outcome FROM audit.access_record WHERE case_id = ? AND data_class = ?",
                String.class, issued, "CONTACT")).containsExactly("PURGED");
    }

    private void replayCaseView() {
        RetentionApi admin = new RetentionApi(rest, "admin");
        ResponseEntity<Map<String, Object>> started = admin.post("/api/v1/admin/replays",
                Map.of("processingGroup", "case-view"));
        assertThat(started.getStatusCode().value()).isEqualTo(202);
        String progressPath = started.getHeaders().getLocation().getPath();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(admin.get(progressPath).getBody()).containsEntry("done", true));
        awaitCaughtUp();
    }

    private void awaitCaughtUp() {
        StreamingEventProcessor processor = processing.eventProcessor("case-view", StreamingEventProcessor.class)
                .orElseThrow();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            long head = eventStore.createHeadToken().position().orElse(-1);
            assertThat(processor.processingStatus().values()).isNotEmpty().allSatisfy(segment ->
                    assertThat(segment.getCurrentPosition().orElse(-1)).isGreaterThanOrEqualTo(head));
        });
    }

    private List<Map<String, Object>> sealedCopies() {
        return jdbc.queryForList("""
                SELECT case_id, field, subject_id, data_class, key_version, sealed_index, encode(ciphertext, 'hex') AS hex
                FROM read_model.case_sealed_field ORDER BY case_id, field""");
    }

    private static List<String> fieldsOf(List<Map<String, Object>> copies, UUID caseId) {
        return copies.stream().filter(copy -> caseId.equals(copy.get("case_id")))
                .map(copy -> (String) copy.get("field")).toList();
    }
}
