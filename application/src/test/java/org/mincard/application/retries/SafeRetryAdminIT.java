package org.mincard.application.retries;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Safe retries (ADR 0018) of the state-changing endpoints outside the case lifecycle, over HTTP on the real
 * PostgreSQL: legal holds, the data-request register and its disclosures, key rotations, read-model replays,
 * dead-letter retries, audit checkpoints and verification. Each is sent, replayed with its key (the first answer,
 * nothing stored again: events, rows, access records, counters) and sent with the key and another body (422), through
 * {@link RetryProbe}. Its own context: a replay empties and rebuilds a read model, which must not disturb other tests.
 * {@code SafeRetryIT} fails on a state-changing endpoint that neither it nor this test drives.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "mincard.test.isolated-context=safe-retry-admin", "mincard.oversight.checkpoints.cron=-"})
public class SafeRetryAdminIT {

    /** Endpoints replayed here (method and pattern as Spring maps them). */
    public static final Set<String> DRIVEN = Set.of(
            "POST /api/v1/retention/holds",
            "POST /api/v1/retention/holds/{holdId}/release",
            "POST /api/v1/requests",
            "POST /api/v1/requests/{requestId}/counsel-review",
            "POST /api/v1/requests/{requestId}/decision",
            "POST /api/v1/requests/{requestId}/holder-notification",
            "POST /api/v1/requests/{requestId}/response",
            "POST /api/v1/requests/{requestId}/disclosures",
            "POST /api/v1/admin/key-rotations",
            "POST /api/v1/admin/replays",
            "POST /api/v1/admin/replays/bulk",
            "POST /api/v1/admin/dead-letters/{processingGroup}/retries",
            "POST /api/v1/audit/checkpoints",
            "POST /api/v1/audit/verify");

    private static final String SITE_A = "a0000000-0000-4000-8000-00000000000a";
    private static final String AUTHORITY = "1:26-cv-00101";

    @Autowired
    TestRestTemplate rest;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MeterRegistry meters;

    @Test
    void replaysTheFirstAnswer_andStoresItsEffectOnce_forHoldsRequestsAdministrationAndAudit() {
        RetryProbe probe = new RetryProbe(rest);
        UUID caseId = submitted();

        held(probe, caseId);
        registeredAndDisclosed(probe, caseId);
        audited(probe);
        administered(probe);

        assertThat(probe.replayed()).containsExactlyInAnyOrderElementsOf(DRIVEN);
    }

    private void held(RetryProbe probe, UUID caseId) {
        ResponseEntity<Map<String, Object>> placed = probe.twice("POST /api/v1/retention/holds", "records-officer",
                "/api/v1/retention/holds", Map.of("caseIds", List.of(caseId), "reason", "LITIGATION_PENDING",
                        "authority", AUTHORITY), this::eventsTotal);
        assertThat(placed.getStatusCode().value()).isEqualTo(201);
        UUID holdId = UUID.fromString((String) placed.getBody().get("holdId"));
        assertThat(events(holdId)).isEqualTo(1);

        probe.twice("POST /api/v1/retention/holds/{holdId}/release", "records-officer",
                "/api/v1/retention/holds/" + holdId + "/release", Map.of("authority", AUTHORITY),
                () -> events(holdId));

        assertThat(events(holdId)).isEqualTo(2);
    }

    private void registeredAndDisclosed(RetryProbe probe, UUID caseId) {
        ResponseEntity<Map<String, Object>> registered = probe.twice("POST /api/v1/requests", "records-officer",
                "/api/v1/requests", Map.of("requesterType", "STATE", "instrument", "COURT_ORDER",
                        "caseIds", List.of(caseId), "subjectIds", List.of(), "requestedRecords", List.of("CONTACT"),
                        "receivedOn", "2026-03-02"), this::eventsTotal);
        assertThat(registered.getStatusCode().value()).isEqualTo(201);
        UUID requestId = UUID.fromString((String) registered.getBody().get("requestId"));
        String request = "/api/v1/requests/" + requestId;

        probe.twice("POST /api/v1/requests/{requestId}/counsel-review", "records-officer", request + "/counsel-review",
                Map.of("counselReviewerId", "counsel-7"), () -> events(requestId));
        probe.twice("POST /api/v1/requests/{requestId}/decision", "records-officer", request + "/decision",
                Map.of("decision", "PARTIAL", "decidedOn", "2026-03-05"), () -> events(requestId));
        ResponseEntity<Map<String, Object>> disclosed = probe.twice("POST /api/v1/requests/{requestId}/disclosures",
                "records-officer", request + "/disclosures", Map.of("caseIds", List.of(caseId),
                        "fields", List.of("CONTACT")), () -> accessRecords(requestId));
        assertThat(accessRecords(requestId)).as("one access record per disclosed field, once").isEqualTo(1);
        assertThat(disclosed.getBody()).containsKey("cases");
        probe.twice("POST /api/v1/requests/{requestId}/holder-notification", "records-officer",
                request + "/holder-notification", Map.of("notifiedOn", "2026-03-06"), () -> events(requestId));
        probe.twice("POST /api/v1/requests/{requestId}/response", "records-officer", request + "/response",
                Map.of("respondedOn", "2026-03-12"), () -> events(requestId));

        assertThat(events(requestId)).as("registered, counsel, decision, notified, answered").isEqualTo(5);
    }

    private void audited(RetryProbe probe) {
        ResponseEntity<Map<String, Object>> taken = probe.twice("POST /api/v1/audit/checkpoints", "auditor",
                "/api/v1/audit/checkpoints", Map.of(), this::checkpoints);
        assertThat(taken.getStatusCode().value()).isEqualTo(201);
        assertThat(checkpoints()).isEqualTo(1);
        String checkpoint = rest.withBasicAuth("auditor", RetryProbe.PASSWORD).getForObject(
                "/api/v1/audit/checkpoints/" + taken.getBody().get("checkpointId"), String.class);

        ResponseEntity<Map<String, Object>> verified = probe.twice("POST /api/v1/audit/verify", "auditor",
                "/api/v1/audit/verify", checkpoint, new HttpHeaders(), this::verifications);

        assertThat(verified.getBody()).containsKey("streams");
        assertThat(verifications()).as("one verification ran").isEqualTo(1);
    }

    private void administered(RetryProbe probe) {
        ResponseEntity<Map<String, Object>> rotation = probe.twice("POST /api/v1/admin/key-rotations", "admin",
                "/api/v1/admin/key-rotations", Map.of(), this::rotations);
        assertThat(rotation.getStatusCode().value()).isEqualTo(202);
        assertThat(rotations()).isEqualTo(1);

        ResponseEntity<Map<String, Object>> retried = probe.twice(
                "POST /api/v1/admin/dead-letters/{processingGroup}/retries", "admin",
                "/api/v1/admin/dead-letters/case-view/retries?max=1", Map.of(), this::deadLetters);
        assertThat(retried.getBody()).containsEntry("processingGroup", "case-view");

        // A replay keeps its progress in memory only: its answer names the replay it started, and the retry's
        // identical answer (the same new replay id) shows that no second replay was started.
        ResponseEntity<Map<String, Object>> replay = probe.twice("POST /api/v1/admin/replays", "admin",
                "/api/v1/admin/replays", Map.of("processingGroup", "case-view"), this::eventsTotal);
        assertThat(replay.getStatusCode().value()).isEqualTo(202);
        assertThat(replay.getBody()).containsKey("replayId");
        ResponseEntity<Map<String, Object>> bulk = probe.twice("POST /api/v1/admin/replays/bulk", "admin",
                "/api/v1/admin/replays/bulk", Map.of("processingGroups", List.of("annual-figures")),
                this::eventsTotal);
        assertThat(bulk.getStatusCode().value()).isEqualTo(202);
        assertThat(bulk.getBody()).containsKey("rebuildId");
    }

    private UUID submitted() {
        HttpHeaders headers = new HttpHeaders();
        ResponseEntity<Map<String, Object>> created = new RetryProbe(rest).post("clerk-a", "/api/v1/cases", Map.of(
                "type", "NEW", "siteId", SITE_A,
                "applicant", Map.of("legalName", "Register Example", "dateOfBirth", "1979-09-09"),
                "contact", Map.of("phone", "+1 312 555 0100", "email", "applicant@example.org")), headers);
        assertThat(created.getStatusCode().value()).as("%s", created.getBody()).isEqualTo(201);
        return UUID.fromString((String) created.getBody().get("caseId"));
    }

    private long eventsTotal() {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class);
    }

    private long events(UUID aggregateId) {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?", Long.class,
                aggregateId.toString());
    }

    private long accessRecords(UUID requestId) {
        return jdbc.queryForObject("SELECT count(*) FROM audit.access_record WHERE request_reference = ?", Long.class,
                requestId.toString());
    }

    private long checkpoints() {
        return jdbc.queryForObject("SELECT count(*) FROM audit.checkpoint", Long.class);
    }

    private long rotations() {
        return jdbc.queryForObject("SELECT count(*) FROM vault.key_rotation", Long.class);
    }

    private long deadLetters() {
        return jdbc.queryForObject("SELECT count(*) FROM deadletterentry", Long.class);
    }

    private long verifications() {
        return (long) meters.find("mincard.oversight.chain.verifications").counters().stream()
                .mapToDouble(Counter::count).sum();
    }
}
