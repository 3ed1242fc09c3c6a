package org.mincard.application.casefile;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mincard.application.MovableClock;
import org.mincard.application.retries.IdempotencyRecords;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mincard.application.casefile.CaseApi.SITE_A;

/**
 * Idempotency records outlive neither their retention nor the cardholder's data: the key is stored only as a keyed
 * hash, an expired record is removed by the purge job (and never answered before that), and a sweep that purges a
 * class of the cardholder's data removes the record with it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IdempotencyRecordsIT {

    @TestConfiguration
    static class ClockConfig {

        @Bean
        @Primary
        MovableClock testClock() {
            return new MovableClock(Instant.parse("2026-03-02T10:00:00Z"));
        }
    }

    @Autowired
    TestRestTemplate rest;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MovableClock clock;

    @Autowired
    IdempotencyRecords records;

    CaseApi clerk;

    @BeforeEach
    void setUp() {
        clerk = new CaseApi(rest, "clerk-a");
    }

    private ResponseEntity<Map<String, Object>> submit(String key, String legalName) {
        HttpHeaders headers = new HttpHeaders();
        headers.set("Idempotency-Key", key);
        return clerk.post("/api/v1/cases", CaseApi.newApplication(SITE_A, legalName, LocalDate.of(1991, 2, 3)),
                headers);
    }

    private List<Map<String, Object>> recordsOf(UUID caseId) {
        return jdbc.queryForList("SELECT * FROM lookup.idempotent_request WHERE case_id = ?", caseId);
    }

    @Test
    void storesTheKeyOnlyAsAKeyedHash_andReplaysTheFirstAnswer() {
        String key = "retry-" + UUID.randomUUID();

        ResponseEntity<Map<String, Object>> first = submit(key, "Hash Only");
        ResponseEntity<Map<String, Object>> retry = submit(key, "Hash Only");

        assertThat(retry.getBody().get("caseId")).isEqualTo(first.getBody().get("caseId"));
        UUID caseId = UUID.fromString((String) first.getBody().get("caseId"));
        List<Map<String, Object>> stored = recordsOf(caseId);
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0)).doesNotContainKeys("idempotency_key", "actor_id");
        byte[] keyHash = (byte[]) stored.get(0).get("key_hash");
        assertThat(keyHash).hasSize(32);
        assertThat(new String(keyHash, StandardCharsets.ISO_8859_1)).doesNotContain(key);
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM lookup.idempotent_request r
                WHERE r::text LIKE '%' || ? || '%' OR r::text LIKE '%Hash Only%'""", Integer.class, key)).isZero();
    }

    @Test
    void forgetsTheRecordAfterItsRetention_whenThePurgeJobRuns() {
        String key = "expiring-" + UUID.randomUUID();
        UUID first = UUID.fromString((String) submit(key, "Kept A Day").getBody().get("caseId"));
        clock.advance(Duration.ofHours(23));
        records.purgeExpired();
        assertThat(recordsOf(first)).as("kept within its retention").hasSize(1);

        clock.advance(Duration.ofHours(2));
        int removed = records.purgeExpired();

        assertThat(removed).isGreaterThanOrEqualTo(1);
        assertThat(recordsOf(first)).isEmpty();
        ResponseEntity<Map<String, Object>> late = submit(key, "Kept A Day");
        assertThat(late.getStatusCode().value()).isEqualTo(201);
        assertThat(late.getBody().get("caseId")).isNotEqualTo(first.toString());
    }

    @Test
    void neverAnswersFromAnExpiredRecord_evenBeforeThePurgeJobRuns() {
        String key = "stale-" + UUID.randomUUID();
        UUID first = UUID.fromString((String) submit(key, "Stale Answer").getBody().get("caseId"));
        clock.advance(Duration.ofHours(25));

        ResponseEntity<Map<String, Object>> late = submit(key, "Another Body Entirely");

        assertThat(late.getStatusCode().value()).isEqualTo(201);
        assertThat(late.getBody().get("caseId")).isNotEqualTo(first.toString());
        assertThat(recordsOf(first)).isEmpty();
    }

    @Test
    void forgetsTheRecord_whenASweepPurgesTheCardholdersData() {
        String key = "purged-" + UUID.randomUUID();
        UUID caseId = UUID.fromString((String) submit(key, "Gone With The Sweep").getBody().get("caseId"));
        clerk.awaitState(caseId, "SUBMITTED");
        clerk.act(caseId, "mark-no-show");
        clerk.awaitState(caseId, "NO_SHOW");
        assertThat(recordsOf(caseId)).hasSize(1);
        clock.advance(Duration.ofMinutes(1));

        ResponseEntity<Map<String, Object>> started = clerk.as("records-officer").post("/api/v1/retention/sweeps",
                Map.of());
        assertThat(started.getStatusCode().value()).as("%s", started.getBody()).isEqualTo(202);
        String sweepId = (String) started.getBody().get("sweepId");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(clerk.as("records-officer")
                .get("/api/v1/retention/sweeps/" + sweepId).getBody()).containsEntry("state", "COMPLETED"));

        assertThat(recordsOf(caseId)).isEmpty();
    }
}
