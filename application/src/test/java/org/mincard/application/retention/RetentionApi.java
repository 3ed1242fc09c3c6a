package org.mincard.application.retention;

import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Drives the case and retention APIs over HTTP as one of the demo users. */
final class RetentionApi {

    static final UUID SITE_A = UUID.fromString("a0000000-0000-4000-8000-00000000000a");
    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    private final TestRestTemplate rest;
    private final String user;

    RetentionApi(TestRestTemplate rest, String user) {
        this.rest = rest;
        this.user = user;
    }

    RetentionApi as(String other) {
        return new RetentionApi(rest, other);
    }

    static Map<String, Object> application(String legalName) {
        Map<String, Object> body = new HashMap<>();
        body.put("type", "NEW");
        body.put("siteId", SITE_A.toString());
        body.put("applicant", Map.of("legalName", legalName, "dateOfBirth", LocalDate.of(1980, 6, 15).toString(),
                "genderMarker", "X"));
        body.put("contact", Map.of("phone", "+1 312 555 0100", "email", "applicant@example.org"));
        body.put("delivery", Map.of("careOf", "Shelter One", "street", "1 Main St", "city", "Chicago",
                "region", "IL", "postalCode", "60601"));
        return body;
    }

    static Map<String, Object> review(String notes) {
        return Map.of("documents", List.of(Map.of("type", "CONSULAR_ID"), Map.of("type", "SHELTER_LETTER")),
                "clerkNotes", notes);
    }

    ResponseEntity<Map<String, Object>> post(String path, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return client().exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), JSON);
    }

    ResponseEntity<Map<String, Object>> get(String path) {
        return client().exchange(path, HttpMethod.GET, new HttpEntity<>(new HttpHeaders()), JSON);
    }

    ResponseEntity<String> getText(String path) {
        return client().exchange(path, HttpMethod.GET, new HttpEntity<>(new HttpHeaders()), String.class);
    }

    UUID submit(Map<String, Object> application) {
        ResponseEntity<Map<String, Object>> created = post("/api/v1/cases", application);
        assertThat(created.getStatusCode().value()).as("submit: %s", created.getBody()).isEqualTo(201);
        return UUID.fromString((String) created.getBody().get("caseId"));
    }

    void act(UUID caseId, String action, Object body) {
        ResponseEntity<Map<String, Object>> moved = post("/api/v1/cases/" + caseId + "/" + action, body);
        assertThat(moved.getStatusCode().value()).as("%s: %s", action, moved.getBody()).isEqualTo(200);
    }

    void act(UUID caseId, String action) {
        act(caseId, action, Map.of());
    }

    Map<String, Object> awaitState(UUID caseId, String state) {
        Map<String, Object>[] last = new Map[1];
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            ResponseEntity<Map<String, Object>> read = get("/api/v1/cases/" + caseId);
            assertThat(read.getStatusCode().value()).isEqualTo(200);
            assertThat(read.getBody()).containsEntry("state", state);
            last[0] = read.getBody();
        });
        return last[0];
    }

    /** Starts a sweep as this user and waits until it completes; answers its final status. */
    Map<String, Object> sweep() {
        ResponseEntity<Map<String, Object>> started = post("/api/v1/retention/sweeps", Map.of());
        assertThat(started.getStatusCode().value()).as("sweep: %s", started.getBody()).isEqualTo(202);
        String sweepId = (String) started.getBody().get("sweepId");
        Map<String, Object>[] last = new Map[1];
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            ResponseEntity<Map<String, Object>> status = get("/api/v1/retention/sweeps/" + sweepId);
            assertThat(status.getBody()).containsEntry("state", "COMPLETED");
            last[0] = status.getBody();
        });
        return last[0];
    }

    private TestRestTemplate client() {
        return rest.withBasicAuth(user, "test-password");
    }
}
