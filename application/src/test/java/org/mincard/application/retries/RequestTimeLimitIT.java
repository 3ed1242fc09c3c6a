package org.mincard.application.retries;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-request time limit ({@code mincard.web.request-timeout}, ADR 0019) over HTTP on the real PostgreSQL. A second
 * JDBC connection holds the row lock a command needs (its own uncommitted append of the case's next event, as a
 * racing writer would); PostgreSQL's own limits are set far beyond the test (10 minutes), so only the request limit
 * (1 s) can end the wait: the command answers 503 problem+json with Retry-After and "outcome unknown: retry with the
 * same Idempotency-Key" before the client's own 60 s timeout, and the retry with that key, once the lock is gone,
 * does the command once. Read through the JDK's client: Apache HttpClient (on the test class path, under
 * TestRestTemplate) would retry the 503 after its Retry-After by itself.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "mincard.web.request-timeout=1s", "mincard.database.lock-timeout=10min",
        "mincard.database.statement-timeout=10min", "mincard.test.isolated-context=request-time-limit"})
class RequestTimeLimitIT {

    private static final String SITE_A = "a0000000-0000-4000-8000-00000000000a";
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcTemplate jdbc;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void answers503OutcomeUnknownWithRetryAfter_whenACommandIsBlockedByALockPastTheRequestLimit() throws Exception {
        HttpResponse<String> submitted = post("/api/v1/cases", """
                {"type": "NEW", "siteId": "%s", "applicant": {"legalName": "Limit Example", "dateOfBirth": "1980-01-02"}}
                """.formatted(SITE_A), "submit-" + UUID.randomUUID());
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
        String caseId = JSON.readTree(submitted.body()).path("caseId").asText();
        String key = "check-in-" + UUID.randomUUID();

        HttpResponse<String> blocked;
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            holdNextEventRow(holder, caseId);
            try {
                blocked = post("/api/v1/cases/" + caseId + "/check-in", "{}", key);
            } finally {
                holder.rollback();
            }
        }

        assertThat(blocked.statusCode()).as(blocked.body()).isEqualTo(503);
        assertThat(blocked.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(blocked.headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Long.parseLong(seconds)).isPositive());
        JsonNode problem = JSON.readTree(blocked.body());
        assertThat(problem.path("type").asText()).isEqualTo("urn:mincard:problem:unavailable");
        assertThat(problem.path("code").asText()).isEqualTo("outcome-unknown");
        assertThat(problem.path("detail").asText()).contains("outcome of this request is unknown")
                .contains("same Idempotency-Key").doesNotContain("could not be completed");
        assertThat(events(caseId)).as("the blocked check-in stored nothing").isEqualTo(1);

        HttpResponse<String> retried = post("/api/v1/cases/" + caseId + "/check-in", "{}", key);

        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
        assertThat(JSON.readTree(retried.body()).path("state").asText()).isEqualTo("CHECKED_IN");
        assertThat(events(caseId)).isEqualTo(2);
    }

    /** An uncommitted append of the case's event number 1: another writer's INSERT of it waits for this one. */
    private static void holdNextEventRow(Connection holder, String caseId) throws Exception {
        try (PreparedStatement insert = holder.prepareStatement("""
                INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, payload,
                    payloadtype, timestamp) VALUES (?, 1, 'CaseFile', ?, ?, 'held.by.RequestTimeLimitIT', ?)""")) {
            insert.setString(1, caseId);
            insert.setString(2, UUID.randomUUID().toString());
            insert.setBytes(3, "{}".getBytes(StandardCharsets.UTF_8));
            insert.setString(4, "2026-01-01T00:00:00Z");
            insert.executeUpdate();
        }
    }

    private HttpResponse<String> post(String path, String body, String key) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(CLIENT_TIMEOUT)
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "clerk-a:test-password".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, application/problem+json")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private long events(String caseId) {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?", Long.class,
                caseId);
    }
}
