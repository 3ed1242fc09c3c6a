package org.mincard.application.consistency;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Consistency-Token and outage answers over HTTP on the real PostgreSQL (ADR 0019): a read with the token of a
 * command sees the command's effect; a statement blocked by a lock another connection holds, and an exhausted pool,
 * answer 503 problem+json with Retry-After, and a state-changing request's 503 says its outcome is unknown.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {"mincard.database.lock-timeout=500ms", "spring.datasource.hikari.connection-timeout=1000"})
class ReadYourWritesIT {

    private static final UUID SITE_A = UUID.fromString("a0000000-0000-4000-8000-00000000000a");
    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    @Autowired
    TestRestTemplate rest;

    @Autowired
    DataSource dataSource;

    @Test
    void aReadWithTheCommandsTokenSeesItsEffect() {
        for (int i = 0; i < 20; i++) {
            ResponseEntity<Map<String, Object>> submitted = post("/api/v1/cases", application(), new HttpHeaders());
            assertThat(submitted.getStatusCode().value()).isEqualTo(201);
            String token = submitted.getHeaders().getFirst("Consistency-Token");
            assertThat(token).as("submission answer's token").isNotBlank();
            String caseId = (String) submitted.getBody().get("caseId");

            ResponseEntity<Map<String, Object>> checkedIn = post("/api/v1/cases/" + caseId + "/check-in", Map.of(),
                    withToken(token));
            assertThat(checkedIn.getStatusCode().value()).isEqualTo(200);
            String afterCheckIn = checkedIn.getHeaders().getFirst("Consistency-Token");

            ResponseEntity<Map<String, Object>> read = get("/api/v1/cases/" + caseId, withToken(afterCheckIn));
            assertThat(read.getStatusCode().value()).as("read with the token: %s", read.getBody()).isEqualTo(200);
            assertThat(read.getBody()).containsEntry("state", "CHECKED_IN");
        }
    }

    @Test
    void aTokenThisServiceDidNotIssueIsRefused() {
        ResponseEntity<Map<String, Object>> read = get("/api/v1/cases/" + UUID.randomUUID(),
                withToken("not-a-token"));
        assertThat(read.getStatusCode().value()).isEqualTo(400);
    }

    @Test
    void aCommandBlockedByALockAnswers503WithRetryAfter_outcomeUnknown() throws Exception {
        ResponseEntity<Map<String, Object>> submitted = post("/api/v1/cases", application(), new HttpHeaders());
        String caseId = (String) submitted.getBody().get("caseId");
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            // Every append to the event store waits for this lock; the command's statement hits lock_timeout.
            holder.createStatement().execute("LOCK TABLE domainevententry IN EXCLUSIVE MODE");
            ResponseEntity<Map<String, Object>> blocked = post("/api/v1/cases/" + caseId + "/check-in", Map.of(),
                    new HttpHeaders());
            holder.rollback();

            assertThat(blocked.getStatusCode().value()).as("%s", blocked.getBody()).isEqualTo(503);
            assertThat(blocked.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(blocked.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotBlank();
            assertThat(blocked.getBody()).containsEntry("code", "outcome-unknown");
            assertThat((String) blocked.getBody().get("detail")).contains("Idempotency-Key")
                    .doesNotContain("could not be completed");
        }
    }

    @Test
    void anExhaustedPoolAnswers503WithRetryAfter() throws Exception {
        HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
        List<Connection> held = new ArrayList<>();
        try {
            while (held.size() < pool.getMaximumPoolSize()) {
                held.add(pool.getConnection());
            }
            ResponseEntity<Map<String, Object>> read = get("/api/v1/cases/" + UUID.randomUUID(), new HttpHeaders());

            assertThat(read.getStatusCode().value()).as("%s", read.getBody()).isEqualTo(503);
            assertThat(read.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotBlank();
            assertThat(read.getBody()).containsEntry("code", "unavailable");
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
        }
    }

    private static Map<String, Object> application() {
        Map<String, Object> body = new HashMap<>();
        body.put("type", "NEW");
        body.put("siteId", SITE_A.toString());
        body.put("applicant", Map.of("legalName", "Ana Example", "dateOfBirth", LocalDate.of(1990, 4, 1).toString(),
                "genderMarker", "X"));
        return body;
    }

    private static HttpHeaders withToken(String token) {
        HttpHeaders headers = new HttpHeaders();
        headers.set("Consistency-Token", token);
        return headers;
    }

    private ResponseEntity<Map<String, Object>> post(String path, Object body, HttpHeaders headers) {
        headers.setContentType(MediaType.APPLICATION_JSON);
        return rest.withBasicAuth("clerk-a", "test-password").exchange(path, HttpMethod.POST,
                new HttpEntity<>(body, headers), JSON);
    }

    private ResponseEntity<Map<String, Object>> get(String path, HttpHeaders headers) {
        return rest.withBasicAuth("clerk-a", "test-password").exchange(path, HttpMethod.GET,
                new HttpEntity<>(headers), JSON);
    }
}
