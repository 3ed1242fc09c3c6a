package org.mincard.application.operations;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.mincard.application.config.ProcessorProgress;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real database fault under the event processors: for 20 s every session of the service is terminated by
 * PostgreSQL ({@code pg_terminate_backend}) as soon as it appears, as a failover or a network cut would do. Axon backs
 * off by then for 16-32 s per segment and per coordinator (doubling up to 60 s); the processors must nevertheless
 * hold every segment again and have handled every event, including those stored after the fault, within 15 s of its
 * end (ADR 0023, {@code mincard.processors.reclaim-after}). Liveness answers UP throughout: it never asks the
 * database, so an orchestrator does not restart a node for a database outage.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "mincard.test.isolated-context=processor-database-fault")
class ProcessorDatabaseFaultIT {

    private static final String SITE_A = "a0000000-0000-4000-8000-00000000000a";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    Environment environment;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    ProcessorProgress progress;

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void reclaimsEverySegmentSoonAfterTheFault_whenAxonBacksOffForLonger() throws Exception {
        List<UUID> cases = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            cases.add(submitUntilAccepted());
        }
        Map<String, PooledStreamingEventProcessor> pooled = pooledProcessors();
        for (String processor : pooled.keySet()) {
            assertThat(progress.awaitCaughtUp(processor, Duration.ofSeconds(30))).as(processor).isTrue();
        }
        int segments = claimedHere(pooled);
        assertThat(components("/actuator/health/liveness")).as("liveness never asks the database")
                .containsExactly("livenessState");
        assertThat(components("/actuator/health/readiness")).containsExactlyInAnyOrder("readinessState", "db",
                "replays");
        int livenessAnswers = 0;

        int fewestClaimedDuringFault = segments;
        int terminated = 0;
        try (Connection admin = DriverManager.getConnection(environment.getRequiredProperty("spring.datasource.url"),
                environment.getProperty("spring.flyway.user", environment.getProperty("spring.datasource.username")),
                environment.getProperty("spring.flyway.password",
                        environment.getProperty("spring.datasource.password")));
             Statement statement = admin.createStatement()) {
            long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < end) {
                try (var killed = statement.executeQuery("""
                        SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                        WHERE datname = current_database() AND pid <> pg_backend_pid()
                          AND backend_type = 'client backend'""")) {
                    killed.next();
                    terminated += killed.getInt(1);
                }
                fewestClaimedDuringFault = Math.min(fewestClaimedDuringFault, claimedHere(pooled));
                HttpResponse<String> liveness = get("/actuator/health/liveness");
                assertThat(liveness.statusCode()).as("liveness during the fault: %s", liveness.body()).isEqualTo(200);
                livenessAnswers++;
                Thread.sleep(100);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        long faultEnded = System.nanoTime();
        assertThat(terminated).as("sessions terminated during the fault").isPositive();
        assertThat(livenessAnswers).isPositive();
        assertThat(fewestClaimedDuringFault).as("the fault reached the processors (segments lost)")
                .isLessThan(segments);

        for (int i = 0; i < 3; i++) {
            cases.add(submitUntilAccepted());
        }
        await("every segment claimed again and every case in the case view, 15 s after the fault")
                .atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> {
                    assertThat(claimedHere(pooled)).as("segments claimed").isEqualTo(segments);
                    for (String processor : pooled.keySet()) {
                        assertThat(progress.awaitCaughtUp(processor, Duration.ZERO)).as(processor).isTrue();
                    }
                    for (UUID caseId : cases) {
                        assertThat(get("/api/v1/cases/" + caseId).statusCode()).as("case %s", caseId).isEqualTo(200);
                    }
                });
        System.out.printf("database fault: %d sessions terminated in 20 s; every segment reclaimed and caught up "
                + "%.1f s after the fault ended%n", terminated, (System.nanoTime() - faultEnded) / 1e9);
    }

    private List<String> components(String path) throws IOException, InterruptedException {
        List<String> names = new ArrayList<>();
        JSON.readTree(get(path).body()).path("components").fieldNames().forEachRemaining(names::add);
        return names;
    }

    private Map<String, PooledStreamingEventProcessor> pooledProcessors() {
        Map<String, PooledStreamingEventProcessor> pooled = new TreeMap<>();
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof PooledStreamingEventProcessor streaming) {
                pooled.put(name, streaming);
            }
        });
        return pooled;
    }

    private static int claimedHere(Map<String, PooledStreamingEventProcessor> pooled) {
        return pooled.values().stream().mapToInt(processor -> processor.processingStatus().size()).sum();
    }

    /** A submission over HTTP, repeated while the service answers 5xx (its pool is still reconnecting). */
    private UUID submitUntilAccepted() throws IOException, InterruptedException {
        String body = "{\"type\":\"NEW\",\"siteId\":\"" + SITE_A + "\",\"applicant\":{\"legalName\":"
                + "\"Database Fault\",\"dateOfBirth\":\"1990-01-01\"}}";
        String key = UUID.randomUUID().toString();
        for (int attempt = 0; attempt < 50; attempt++) {
            HttpResponse<String> answer = http.send(request("/api/v1/cases").header("Content-Type", "application/json")
                    .header("Idempotency-Key", key)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 201) {
                return UUID.fromString(JSON.readTree(answer.body()).path("caseId").asText());
            }
            assertThat(answer.statusCode()).as(answer.body()).isGreaterThanOrEqualTo(500);
            Thread.sleep(200);
        }
        throw new AssertionError("no submission accepted in 50 attempts");
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "clerk-a:test-password".getBytes(StandardCharsets.UTF_8)));
    }
}
