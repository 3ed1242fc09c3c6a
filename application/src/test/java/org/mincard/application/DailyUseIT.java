package org.mincard.application;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Defects found in daily use (issue 18): a newborn's application is accepted; cases go only to clerks the staff
 * directory knows, so a typo in a clerk id is refused instead of a case lost.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "mincard.directory.assign-only-known-clerks=true")
class DailyUseIT {

    static final String CLERK_B_ID = "d0000000-0000-4000-8000-000000000002";
    static final String SITE_A = "a0000000-0000-4000-8000-00000000000a";

    @Autowired
    TestRestTemplate rest;

    @Test
    void acceptsANewborn_whenTheDateOfBirthIsToday() {
        HttpHeaders headers = headers("clerk-a");

        ResponseEntity<String> born = rest.exchange("/api/v1/cases", HttpMethod.POST, new HttpEntity<>(Map.of(
                "type", "NEW", "siteId", SITE_A,
                "applicant", Map.of("legalName", "Newborn Test", "dateOfBirth", LocalDate.now(ZoneOffset.UTC).toString())),
                headers), String.class);
        ResponseEntity<String> unborn = rest.exchange("/api/v1/cases", HttpMethod.POST, new HttpEntity<>(Map.of(
                "type", "NEW", "siteId", SITE_A, "applicant", Map.of("legalName", "Unborn Test",
                        "dateOfBirth", LocalDate.now(ZoneOffset.UTC).plusDays(2).toString())), headers), String.class);

        assertThat(born.getStatusCode().value()).isEqualTo(201);
        assertThat(unborn.getStatusCode().value()).isEqualTo(400);
        assertThat(unborn.getBody()).contains("applicant.dateOfBirth");
    }

    @Test
    void refuses422_whenTheClerkIsNotInTheDirectory_andAssigns_whenItIs() {
        UUID caseId = submit();
        String typo = CLERK_B_ID.substring(0, CLERK_B_ID.length() - 1) + "9";

        ResponseEntity<String> unknown = post("/api/v1/cases/" + caseId + "/assign", Map.of("clerkId", typo));
        ResponseEntity<String> supervisor = post("/api/v1/cases/" + caseId + "/assign",
                Map.of("clerkId", "d0000000-0000-4000-8000-000000000003"));
        ResponseEntity<String> known = post("/api/v1/cases/" + caseId + "/assign", Map.of("clerkId", CLERK_B_ID));

        assertThat(unknown.getStatusCode().value()).isEqualTo(422);
        assertThat(unknown.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(unknown.getBody()).contains("clerkId").doesNotContain(typo);
        assertThat(supervisor.getStatusCode().value()).as("a supervisor is not a clerk").isEqualTo(422);
        assertThat(known.getStatusCode().value()).isEqualTo(200);
        assertThat(known.getBody()).contains(CLERK_B_ID);
    }

    @Test
    void refusesAReassignment_whenAReceiverIsNotInTheDirectory() {
        ResponseEntity<String> moved = post("/api/v1/queues/reassignments", Map.of(
                "fromClerkId", CLERK_B_ID, "toClerkIds", List.of("d0000000-0000-4000-8000-000000000001", "nobody-x1")));

        assertThat(moved.getStatusCode().value()).isEqualTo(422);
        assertThat(moved.getBody()).contains("toClerkIds[1]").doesNotContain("nobody-x1");
    }

    private UUID submit() {
        HttpHeaders headers = headers("clerk-a");
        ResponseEntity<Map> created = rest.exchange("/api/v1/cases", HttpMethod.POST, new HttpEntity<>(Map.of(
                "type", "NEW", "siteId", SITE_A,
                "applicant", Map.of("legalName", "Assign Test", "dateOfBirth", "1980-01-01")), headers), Map.class);
        assertThat(created.getStatusCode().value()).isEqualTo(201);
        return UUID.fromString((String) created.getBody().get("caseId"));
    }

    private ResponseEntity<String> post(String path, Object body) {
        return rest.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers("supervisor")), String.class);
    }

    private static HttpHeaders headers(String user) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth(user, "test-password");
        headers.setContentType(MediaType.APPLICATION_JSON);
        return headers;
    }
}
