package org.mincard.application.casefile;

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

/** Drives the case API over HTTP as one of the demo users. */
final class CaseApi {

    static final UUID SITE_A = UUID.fromString("a0000000-0000-4000-8000-00000000000a");
    static final UUID SITE_B = UUID.fromString("b0000000-0000-4000-8000-00000000000b");
    static final String PASSWORD = "test-password";
    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    private final TestRestTemplate rest;
    private final String user;

    CaseApi(TestRestTemplate rest, String user) {
        this.rest = rest;
        this.user = user;
    }

    CaseApi as(String otherUser) {
        return new CaseApi(rest, otherUser);
    }

    static Map<String, Object> newApplication(UUID siteId, String legalName, LocalDate dateOfBirth) {
        Map<String, Object> body = new HashMap<>();
        body.put("type", "NEW");
        body.put("siteId", siteId.toString());
        body.put("applicant", Map.of("legalName", legalName, "dateOfBirth", dateOfBirth.toString(),
                "genderMarker", "X"));
        body.put("contact", Map.of("phone", "+1 312 555 0100", "email", "applicant@example.org"));
        body.put("delivery", Map.of("careOf", "Shelter One", "street", "1 Main St", "city", "Chicago",
                "region", "IL", "postalCode", "60601"));
        return body;
    }

    static Map<String, Object> review(String... documentTypes) {
        return Map.of("documents", List.of(documentTypes).stream().map(type -> Map.of("type", type)).toList(),
                "clerkNotes", "seen in person");
    }

    ResponseEntity<Map<String, Object>> post(String path, Object body) {
        return post(path, body, new HttpHeaders());
    }

    ResponseEntity<Map<String, Object>> post(String path, Object body, HttpHeaders headers) {
        headers.setContentType(MediaType.APPLICATION_JSON);
        return client().exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), JSON);
    }

    ResponseEntity<Map<String, Object>> get(String path) {
        return get(path, new HttpHeaders());
    }

    ResponseEntity<Map<String, Object>> get(String path, HttpHeaders headers) {
        return client().exchange(path, HttpMethod.GET, new HttpEntity<>(headers), JSON);
    }

    /** Submits and answers the new case id. */
    UUID submit(Map<String, Object> application) {
        ResponseEntity<Map<String, Object>> created = post("/api/v1/cases", application);
        assertThat(created.getStatusCode().value()).as("submit: %s", created.getBody()).isEqualTo(201);
        return UUID.fromString((String) created.getBody().get("caseId"));
    }

    /** Performs a lifecycle action that must succeed and answers the case's new state. */
    String act(UUID caseId, String action, Object body) {
        ResponseEntity<Map<String, Object>> moved = post("/api/v1/cases/" + caseId + "/" + action, body);
        assertThat(moved.getStatusCode().value()).as("%s: %s", action, moved.getBody()).isEqualTo(200);
        return (String) moved.getBody().get("state");
    }

    String act(UUID caseId, String action) {
        return act(caseId, action, Map.of());
    }

    /** Waits until the case's read model shows the state. */
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

    Map<String, Object> personalData(UUID caseId, String purpose) {
        HttpHeaders headers = new HttpHeaders();
        headers.set("X-Access-Purpose", purpose);
        ResponseEntity<Map<String, Object>> read = get("/api/v1/cases/" + caseId + "/personal-data", headers);
        assertThat(read.getStatusCode().value()).as("personal data: %s", read.getBody()).isEqualTo(200);
        return (Map<String, Object>) read.getBody().get("fields");
    }

    /** The card number of a case whose card was produced, read through the gate. */
    String cardNumberOf(UUID caseId) {
        Map<String, Object> fields = personalData(caseId, "CASE_WORK");
        return (String) ((Map<String, Object>) fields.get("CARD_NUMBER")).get("value");
    }

    private TestRestTemplate client() {
        return rest.withBasicAuth(user, PASSWORD);
    }
}
