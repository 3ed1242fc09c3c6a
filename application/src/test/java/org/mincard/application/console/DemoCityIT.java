package org.mincard.application.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The demo city fills a new installation through the command path, in the background: cases in every queue on both
 * demo sites, a legal hold, a registered request, and a sweep that purged the cases closed long ago; once only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "mincard.demo-city.enabled=true", "mincard.demo-city.cardholders-per-site=20"})
class DemoCityIT {

    static final Path DATA = Path.of("target", "test-data", "demo-city-" + UUID.randomUUID());

    @DynamicPropertySource
    static void freshDataDirectory(DynamicPropertyRegistry registry) {
        registry.add("mincard.data-directory", DATA::toString);
    }

    @Autowired
    TestRestTemplate rest;

    @Autowired
    ObjectMapper json;

    @Test
    void fillsEveryQueueOnBothSites_withAHoldARequestAndAPurge() throws Exception {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() ->
                json.readTree(get("auditor", "/api/v1/requests")).size() == 1);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Set<String> queues = new HashSet<>();
            Set<String> sites = new HashSet<>();
            for (JsonNode queue : json.readTree(get("supervisor", "/api/v1/queues")).get("queues")) {
                if (queue.get("depth").asLong() > 0) {
                    queues.add(queue.get("queue").asText());
                    sites.add(queue.get("siteId").asText());
                }
            }
            assertThat(queues).contains("intake", "document-review", "supervisor-review", "appeals", "production",
                    "issuance", "in-the-mail", "pickup");
            assertThat(sites).hasSize(2);
        });
        assertThat(json.readTree(get("records-officer", "/api/v1/retention/holds"))).hasSize(1);
        await().atMost(Duration.ofSeconds(60)).until(() ->
                json.readTree(get("records-officer", "/api/v1/retention/manifests")).toString().contains("sweepId"));
        assertThat(Files.exists(DATA.resolve("demo-city-seeded"))).isTrue();
    }

    private String get(String user, String path) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth(user, "test-password");
        return rest.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class).getBody();
    }
}
