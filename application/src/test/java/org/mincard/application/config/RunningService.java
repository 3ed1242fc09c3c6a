package org.mincard.application.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.mincard.application.MincardApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole service started the way {@code main} starts it, with command-line settings, so that tests can stop and
 * restart it or point it at another database. Talks to it over HTTP as the test clerk.
 */
final class RunningService implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConfigurableApplicationContext context;
    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;

    private RunningService(ConfigurableApplicationContext context) {
        this.context = context;
        this.baseUrl = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
    }

    static RunningService start(String... settings) {
        String[] args = Stream.concat(Stream.of("--server.port=0"), Stream.of(settings).map(s -> "--" + s))
                .toArray(String[]::new);
        return new RunningService(new SpringApplicationBuilder(MincardApplication.class).run(args));
    }

    ConfigurableApplicationContext context() {
        return context;
    }

    UUID submitCase() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request("/api/v1/cases")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(validCase()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(201);
        return UUID.fromString(JSON.readTree(response.body()).path("caseId").asText());
    }

    /** The only place here that knows the case API's shape; the site is one the test clerk works at. */
    private static String validCase() {
        return "{\"type\": \"NEW\", \"siteId\": \"a0000000-0000-4000-8000-00000000000a\","
                + " \"applicant\": {\"legalName\": \"Test Applicant\", \"dateOfBirth\": \"1990-01-01\"}}";
    }

    /** Waits until the case summary is readable (the projection is asynchronous) and returns it. */
    JsonNode awaitCase(UUID caseId) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            HttpResponse<String> response = http.send(request("/api/v1/cases/" + caseId).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            found[0] = JSON.readTree(response.body());
        });
        return found[0];
    }

    private HttpRequest.Builder request(String path) {
        String credentials = Base64.getEncoder()
                .encodeToString("test-clerk:test-password".getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Authorization", "Basic " + credentials)
                .header("Accept", "application/json");
    }

    @Override
    public void close() {
        context.close();
    }
}
