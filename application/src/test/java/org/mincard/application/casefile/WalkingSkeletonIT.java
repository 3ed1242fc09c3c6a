package org.mincard.application.casefile;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WalkingSkeletonIT {

    @Autowired
    TestRestTemplate rest;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void submittedCaseIsStoredAsEventAndReadableThroughTheProjection() {
        UUID siteId = UUID.randomUUID();

        ResponseEntity<Map> created = clerk().exchange("/api/v1/cases", HttpMethod.POST,
                json(Map.of("type", "NEW", "siteId", siteId.toString())), Map.class);

        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String caseId = (String) created.getBody().get("caseId");
        assertThat(jdbc.queryForObject(
                "SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?", Long.class, caseId))
                .isEqualTo(1L);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            ResponseEntity<Map> read = clerk().getForEntity("/api/v1/cases/" + caseId, Map.class);
            assertThat(read.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(read.getBody()).containsEntry("state", "SUBMITTED").containsEntry("siteId", siteId.toString());
        });
    }

    @Test
    void unknownCaseIsNotFoundAsProblem() {
        ResponseEntity<String> read = clerk().getForEntity("/api/v1/cases/" + UUID.randomUUID(), String.class);

        assertThat(read.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(read.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void anonymousCallerIsRefused() {
        ResponseEntity<String> read = rest.getForEntity("/api/v1/cases/" + UUID.randomUUID(), String.class);

        assertThat(read.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void healthIsUpWithDatabaseAndEventProcessors() {
        ResponseEntity<Map> health = rest.getForEntity("/actuator/health", Map.class);

        assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(health.getBody()).containsEntry("status", "UP");
        assertThat((Map<String, Object>) health.getBody().get("components")).containsKeys("db", "eventProcessors");
    }

    @Test
    void prometheusExposesAxonMetrics() {
        clerk().exchange("/api/v1/cases", HttpMethod.POST,
                json(Map.of("type", "NEW", "siteId", UUID.randomUUID().toString())), Map.class);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            ResponseEntity<String> metrics = rest.getForEntity("/actuator/prometheus", String.class);
            assertThat(metrics.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(metrics.getBody())
                    .contains("commandBus_successCounter_total{payloadType=\"SubmitCase\"}")
                    .contains("eventProcessor_latency")
                    .contains("processorName=\"case-summary\"");
        });
    }

    private TestRestTemplate clerk() {
        return rest.withBasicAuth("test-clerk", "test-password");
    }

    private static HttpEntity<Object> json(Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(body, headers);
    }
}
