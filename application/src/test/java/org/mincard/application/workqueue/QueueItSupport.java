package org.mincard.application.workqueue;

import org.junit.jupiter.api.BeforeEach;
import org.mincard.application.MovableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One Spring context (and database) for every queue IT: a clock the tests set, and an intake SLA of 90 minutes so
 * that overdue cases and SLA breaches happen within a test's day.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "mincard.queues.sla.intake.default=PT90M")
@Import(QueueItSupport.ClockConfig.class)
abstract class QueueItSupport {

    static final UUID SITE_A = UUID.fromString("a0000000-0000-4000-8000-00000000000a");
    static final UUID SITE_B = UUID.fromString("b0000000-0000-4000-8000-00000000000b");
    /** The opaque user ids of the demo users clerk-a and test-clerk (both at site A). */
    static final String CLERK_A_ID = "d0000000-0000-4000-8000-000000000001";
    static final String TEST_CLERK_ID = UUID.nameUUIDFromBytes("mincard-demo-user:test-clerk"
            .getBytes(StandardCharsets.UTF_8)).toString();
    static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    @TestConfiguration
    static class ClockConfig {

        @Bean
        @Primary
        MovableClock testClock() {
            return new MovableClock(Instant.parse("2030-01-07T08:00:00Z"));
        }
    }

    @Autowired
    TestRestTemplate rest;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MovableClock clock;

    @BeforeEach
    void resetClock() {
        clock.set(Instant.parse("2030-01-07T08:00:00Z"));
    }

    ResponseEntity<Map<String, Object>> post(String user, String path, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return rest.withBasicAuth(user, "test-password")
                .exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), JSON);
    }

    ResponseEntity<Map<String, Object>> get(String user, String path) {
        return get(user, path, new HttpHeaders());
    }

    ResponseEntity<Map<String, Object>> get(String user, String path, HttpHeaders headers) {
        return rest.withBasicAuth(user, "test-password")
                .exchange(path, HttpMethod.GET, new HttpEntity<>(headers), JSON);
    }

    UUID submit(String user, UUID site, String legalName) {
        Map<String, Object> body = new HashMap<>();
        body.put("type", "NEW");
        body.put("siteId", site.toString());
        body.put("applicant", Map.of("legalName", legalName, "dateOfBirth", LocalDate.of(1990, 4, 1).toString()));
        body.put("delivery", Map.of("street", "1 Main St", "city", "Chicago", "region", "IL", "postalCode", "60601"));
        ResponseEntity<Map<String, Object>> created = post(user, "/api/v1/cases", body);
        assertThat(created.getStatusCode().value()).as("submit: %s", created.getBody()).isEqualTo(201);
        return UUID.fromString((String) created.getBody().get("caseId"));
    }

    /** A lifecycle or assignment action that must succeed; answers the body. */
    Map<String, Object> act(String user, UUID caseId, String action, Object body) {
        ResponseEntity<Map<String, Object>> answer = post(user, "/api/v1/cases/" + caseId + "/" + action, body);
        assertThat(answer.getStatusCode().value()).as("%s: %s", action, answer.getBody()).isEqualTo(200);
        return answer.getBody();
    }

    Map<String, Object> act(String user, UUID caseId, String action) {
        return act(user, caseId, action, Map.of());
    }

    static Map<String, Object> review(String... documentTypes) {
        return Map.of("documents", List.of(documentTypes).stream().map(type -> Map.of("type", type)).toList());
    }

    /** Waits until the case view shows the state (some actions read the case view first). */
    void awaitCaseState(UUID caseId, String state) {
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(get("supervisor", "/api/v1/cases/" + caseId).getBody()).containsEntry("state", state));
    }

    /** The queue the work-queue table has the case in ("" for none), once the projection has caught up with it. */
    void awaitQueue(UUID caseId, String queue) {
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT coalesce(queue, '') FROM read_model.work_queue_item WHERE case_id = ?", String.class, caseId))
                .containsExactly(queue));
    }

    void awaitAssignee(UUID caseId, String assignee) {
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT coalesce(assignee, '') FROM read_model.work_queue_item WHERE case_id = ?", String.class,
                caseId)).containsExactly(assignee));
    }

    /** The card number of a case whose card was produced, read through the access gate. */
    @SuppressWarnings("unchecked")
    String cardNumberOf(UUID caseId) {
        HttpHeaders headers = new HttpHeaders();
        headers.set("X-Access-Purpose", "CASE_WORK");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(get("clerk-a", "/api/v1/cases/"
                + caseId + "/personal-data", headers).getBody().get("fields").toString()).contains("CARD_NUMBER"));
        Map<String, Object> fields = (Map<String, Object>) get("clerk-a", "/api/v1/cases/" + caseId
                + "/personal-data", headers).getBody().get("fields");
        return (String) ((Map<String, Object>) fields.get("CARD_NUMBER")).get("value");
    }

    UUID approvedCase(String name) {
        UUID caseId = submit("clerk-a", SITE_A, name);
        act("clerk-a", caseId, "check-in");
        awaitCaseState(caseId, "CHECKED_IN");
        act("clerk-a", caseId, "review", review("FOREIGN_PASSPORT", "UTILITY_BILL"));
        act("clerk-a", caseId, "approve");
        awaitCaseState(caseId, "APPROVED");
        return caseId;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> items(ResponseEntity<Map<String, Object>> page) {
        assertThat(page.getStatusCode().value()).as("page: %s", page.getBody()).isEqualTo(200);
        return (List<Map<String, Object>>) page.getBody().get("items");
    }
}
