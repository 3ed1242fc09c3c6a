package org.mincard.application.security;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Prometheus's own credential reads the metrics and nothing else (ADR 0024), over HTTP; the metrics stay closed to
 * everyone else but ADMIN (public-prometheus off, as in production).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "mincard.security.public-prometheus=false",
        "mincard.security.metrics-scraper.username=prometheus",
        "mincard.security.metrics-scraper.password.value=scrape-secret-123"})
class MetricsScraperIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Test
    void readsTheMetrics_withTheScraperCredential() throws Exception {
        HttpResponse<String> metrics = get("/actuator/prometheus", "prometheus", "scrape-secret-123");

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
    }

    /** Refused as an unknown login: 401, or 429 once the demo lockout has counted the name's failures. */
    @Test
    void readsNothingElse_withTheScraperCredential() throws Exception {
        for (String path : List.of("/actuator/info", "/actuator/metrics", "/api/v1/queues",
                "/api/v1/retention/policy", "/actuator/health")) {
            assertThat(get(path, "prometheus", "scrape-secret-123").statusCode()).as(path).isIn(401, 429);
        }
    }

    @Test
    void refusesTheMetrics_toAnyoneElseButAdmin() throws Exception {
        assertThat(get("/actuator/prometheus", null, null).statusCode()).isEqualTo(401);
        assertThat(get("/actuator/prometheus", "prometheus", "wrong-secret-123").statusCode())
                .as("refused (429 once the demo lockout counts the name's failures)").isIn(401, 429);
        assertThat(get("/actuator/prometheus", "auditor", "test-password").statusCode()).isEqualTo(403);
        assertThat(get("/actuator/prometheus", "admin", "test-password").statusCode()).isEqualTo(200);
    }

    @Test
    void keepsReadingTheMetrics_whenItsNameIsLockedOutByWrongPasswords() throws Exception {
        for (int i = 0; i < 6; i++) {
            get("/actuator/prometheus", "prometheus", "guess-" + i);
        }

        assertThat(get("/actuator/prometheus", "prometheus", "guess-x").statusCode()).isEqualTo(429);
        assertThat(get("/actuator/prometheus", "prometheus", "scrape-secret-123").statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> get(String path, String user, String password) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
