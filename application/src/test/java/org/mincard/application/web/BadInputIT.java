package org.mincard.application.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.assertj.core.api.Assertions;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessException;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad requests over real HTTP: each is refused with a problem that names the field and the rule, never the value,
 * never a framework detail, and nothing reaches the event store.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class BadInputIT {

    private static final String SECRET_LOOKING_VALUE = "123-45-6789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SITE_ID = "a0000000-0000-4000-8000-00000000000a";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private final HttpClient http = HttpClient.newHttpClient();
    private long eventsBefore;

    @BeforeEach
    void countEvents() {
        eventsBefore = storedEvents();
    }

    @Test
    void refusedAsMalformed_whenBodyIsNotJson() throws Exception {
        String truncated = JSON.writeValueAsString(validCase());

        HttpResponse<String> response = post(truncated.substring(0, truncated.length() / 2), "application/json");

        JsonNode problem = problem(response, 400);
        assertThat(problem.path("type").asText()).isEqualTo("urn:mincard:problem:malformed-request");
        assertNothingStored();
    }

    @Test
    void namesTheField_whenEnumFieldIsANumber() throws Exception {
        ObjectNode body = validCase().put("type", 5);

        HttpResponse<String> response = post(body);

        assertThat(fieldErrors(problem(response, 400))).containsExactly("type");
        assertNothingStored();
    }

    @Test
    void namesTheField_whenEnumFieldIsAValidOrdinal() throws Exception {
        ObjectNode body = validCase().put("type", 1);

        HttpResponse<String> response = post(body);

        assertThat(fieldErrors(problem(response, 400))).containsExactly("type");
        assertNothingStored();
    }

    @Test
    void namesTheFieldButNotTheValue_whenUuidFieldIsNotAUuid() throws Exception {
        ObjectNode body = validCase().put("siteId", SECRET_LOOKING_VALUE);

        HttpResponse<String> response = post(body);

        JsonNode problem = problem(response, 400);
        assertThat(fieldErrors(problem)).containsExactly("siteId");
        assertThat(problem.path("errors").get(0).path("message").asText()).isEqualTo("must be a UUID");
        assertNothingStored();
    }

    @Test
    void namesTheField_whenRequiredFieldIsMissing() throws Exception {
        ObjectNode body = validCase();
        body.remove("siteId");

        HttpResponse<String> response = post(body);

        JsonNode problem = problem(response, 400);
        assertThat(problem.path("type").asText()).isEqualTo("urn:mincard:problem:validation");
        assertThat(fieldErrors(problem)).containsExactly("siteId");
        assertNothingStored();
    }

    @Test
    void namesTheFieldButNotTheValue_whenFieldIsUnknown() throws Exception {
        ObjectNode body = validCase().put("nickname", SECRET_LOOKING_VALUE);

        HttpResponse<String> response = post(body);

        JsonNode problem = problem(response, 400);
        assertThat(fieldErrors(problem)).containsExactly("nickname");
        assertThat(problem.path("errors").get(0).path("message").asText()).isEqualTo("unknown field");
        assertNothingStored();
    }

    @Test
    void refusedAsTooLarge_whenDeclaredLengthExceedsTheLimit() throws Exception {
        HttpResponse<String> response = post(oversizedJson(), "application/json");

        JsonNode problem = problem(response, 413);
        assertThat(problem.path("type").asText()).isEqualTo("urn:mincard:problem:payload-too-large");
        assertNothingStored();
    }

    @Test
    void refusedAsTooLarge_whenChunkedBodyExceedsTheLimit() throws Exception {
        byte[] body = oversizedJson().getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = http.send(request("application/json")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        problem(response, 413);
        assertNothingStored();
    }

    @Test
    void accepted_whenChunkedBodyIsWithinTheLimit() throws Exception {
        byte[] body = JSON.writeValueAsBytes(validCase());

        HttpResponse<String> response = http.send(request("application/json")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(storedEvents()).isEqualTo(eventsBefore + 1);
    }

    @Test
    void refusedAsUnsupported_whenContentTypeIsNotJson() throws Exception {
        HttpResponse<String> response = post("type=NEW&siteId=" + SITE_ID, "application/x-www-form-urlencoded");

        JsonNode problem = problem(response, 415);
        assertThat(problem.path("type").asText()).isEqualTo("urn:mincard:problem:unsupported-media-type");
        assertThat(problem.path("detail").asText()).doesNotContain("x-www-form-urlencoded");
        assertNothingStored();
    }

    @Test
    void answersProblemWithoutServerDetails_whenTomcatRefusesTheRequestLine() throws Exception {
        String raw;
        try (Socket socket = new Socket("localhost", port)) {
            socket.getOutputStream().write(("GET /api/v1/cases/% HTTP/1.1\r\nHost: localhost\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            raw = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }

        assertThat(raw).startsWith("HTTP/1.1 400");
        assertThat(raw).containsIgnoringCase("Content-Type: application/problem+json");
        assertThat(raw.substring(raw.indexOf("\r\n\r\n"))).contains("\"status\":400")
                .doesNotContainIgnoringCase("tomcat").doesNotContain("<html");
    }

    @Test
    void refusedAsUnsupported_andNothingStored_whenYamlCarriesForbiddenFields() throws Exception {
        String yaml = "type: 1\nsiteId: " + SITE_ID + "\nssn: \"" + SECRET_LOOKING_VALUE + "\"\n"
                + "applicant:\n  legalName: Y\n  dateOfBirth: 1990-01-01\n";

        for (String type : List.of("application/yaml", "*/*", "application/*", "text/plain",
                "application/json; charset=utf-16", "application/vnd.mincard+json")) {
            HttpResponse<String> response = post(yaml, type);

            assertThat(problem(response, 415).path("type").asText())
                    .isEqualTo("urn:mincard:problem:unsupported-media-type");
        }
        assertNothingStored();
    }

    @Test
    void refusesACrossSiteForm_whenItPostsToABodylessAction() throws Exception {
        HttpResponse<String> created = post(JSON.writeValueAsString(validCase()), "application/json");
        String caseId = JSON.readTree(created.body()).path("caseId").asText();
        eventsBefore = storedEvents();

        for (String type : List.of("application/x-www-form-urlencoded", "text/plain",
                "multipart/form-data; boundary=x")) {
            HttpResponse<String> response = http.send(request(type)
                            .uri(URI.create("http://localhost:" + port + "/api/v1/cases/" + caseId + "/withdraw"))
                            .header("Origin", "https://evil.example")
                            .POST(HttpRequest.BodyPublishers.ofString("reason=x")).build(),
                    HttpResponse.BodyHandlers.ofString());
            problem(response, 415);
        }
        assertNothingStored();
    }

    @Test
    void answersProblemNamingTheRule_whenTheFirewallRefusesTheUrlOrMethod() throws Exception {
        for (String path : List.of("/api/v1//cases", "/api/v1/./cases", "/api/v1/cases;jsessionid=1",
                "/api/v1/cases/%2e%2e/" + SECRET_LOOKING_VALUE)) {
            HttpResponse<String> response = http.send(request("application/json")
                    .uri(URI.create("http://localhost:" + port + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(problem(response, 400).path("type").asText()).isEqualTo("urn:mincard:problem:rejected-url");
            assertThat(response.body()).doesNotContain("jsessionid").doesNotContain("/api/");
        }
        for (String method : List.of("TRACE", "PROPFIND", "FOO")) {
            HttpResponse<String> response = http.send(request("application/json")
                    .method(method, HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isBetween(400, 499);
            problem(response, response.statusCode());
        }
    }

    @Test
    void namesTheField_whenValuesBreakTheCommonRules() throws Exception {
        ObjectNode nulInName = validCase();
        ((ObjectNode) nulInName.get("applicant")).put("legalName", "A\u0000" + SECRET_LOOKING_VALUE);
        ObjectNode farFuture = validCase();
        ((ObjectNode) farFuture.get("applicant")).put("dateOfBirth", "-999999999-01-01");

        assertThat(fieldErrors(problem(post(nulInName), 400))).containsExactly("applicant.legalName");
        assertThat(fieldErrors(problem(post(farFuture), 400))).containsExactly("applicant.dateOfBirth");
        String duplicate = "{\"type\":\"NEW\",\"siteId\":\"" + SITE_ID + "\",\"siteId\":\"" + SITE_ID
                + "\",\"applicant\":{\"legalName\":\"Y\",\"dateOfBirth\":\"1990-01-01\"}}";
        assertThat(problem(post(duplicate, "application/json"), 400).path("type").asText())
                .isEqualTo("urn:mincard:problem:malformed-request");
        assertNothingStored();
    }

    @Test
    void namesTheParameter_whenQueryDatesOrYearsAreOutOfRange() throws Exception {
        for (String query : List.of("/api/v1/dashboard?from=%2B999999999-12-31",
                "/api/v1/audit/access-records?from=%2B1000000000-01-01T00:00:00Z",
                "/api/v1/reports/annual?year=999999999",
                "/api/v1/audit/access-records?actorId=a%00" + SECRET_LOOKING_VALUE)) {
            String user = query.contains("dashboard") ? "supervisor" : "auditor";
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + query))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            (user + ":test-password").getBytes(StandardCharsets.UTF_8)))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());

            assertThat(fieldErrors(problem(response, 400))).as(query).hasSize(1);
        }
    }

    @Test
    void keepsTheEmbeddedServersErrorLinesOutOfTheServiceLog(
            CapturedOutput output) {
        String marker = "pg-log-marker-" + UUID.randomUUID();

        Assertions.assertThatThrownBy(() ->
                jdbc.queryForObject("SELECT CAST(? AS integer)", Integer.class, marker))
                .isInstanceOf(DataAccessException.class);

        // PostgreSQL writes its error line (with the value) at once; zonky would pipe it into this log.
        Awaitility.await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> !output.getAll().contains(marker));
    }

    @Test
    void answersAnErrorIdInsteadOfAStackTrace_whenTheFailureIsUnexpected() throws Exception {
        var answer = ApiProblems.internalError(new IllegalStateException(SECRET_LOOKING_VALUE));

        var problem = (ProblemDetail) answer.getBody();
        assertThat(answer.getStatusCode().value()).isEqualTo(500);
        String errorId = String.valueOf(problem.getProperties().get("errorId"));
        assertThat(errorId).hasSize(36);
        assertThat(problem.getDetail()).contains(errorId).doesNotContain(SECRET_LOOKING_VALUE);
    }

    /**
     * The one valid submission every bad request is derived from; the only place that knows the case API's shape.
     * The site is one the test clerk works at.
     */
    private static ObjectNode validCase() {
        ObjectNode body = JSON.createObjectNode().put("type", "NEW").put("siteId", SITE_ID);
        body.putObject("applicant").put("legalName", "Test Applicant").put("dateOfBirth", "1990-01-01");
        return body;
    }

    private HttpResponse<String> post(ObjectNode body) throws IOException, InterruptedException {
        return post(JSON.writeValueAsString(body), "application/json");
    }

    private HttpResponse<String> post(String body, String contentType) throws IOException, InterruptedException {
        return http.send(request(contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String contentType) {
        String credentials = Base64.getEncoder()
                .encodeToString("test-clerk:test-password".getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/cases"))
                .header("Authorization", "Basic " + credentials)
                .header("Content-Type", contentType)
                .header("Accept", "application/json");
    }

    private static JsonNode problem(HttpResponse<String> response, int status) throws IOException {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(response.headers().firstValue("Server")).isEmpty();
        assertThat(response.body())
                .doesNotContain(SECRET_LOOKING_VALUE)
                .doesNotContainIgnoringCase("exception")
                .doesNotContain("\tat ")
                .doesNotContain("springframework")
                .doesNotContain("jackson")
                .doesNotContainIgnoringCase("tomcat")
                .doesNotContain("trace");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asText()).isNotBlank();
        return problem;
    }

    private static List<String> fieldErrors(JsonNode problem) {
        return problem.path("errors").findValuesAsText("field");
    }

    private static String oversizedJson() throws IOException {
        return JSON.writeValueAsString(validCase().put("padding", "x".repeat(70 * 1024)));
    }

    private long storedEvents() {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class);
    }

    private void assertNothingStored() {
        assertThat(storedEvents()).isEqualTo(eventsBefore);
    }
}
