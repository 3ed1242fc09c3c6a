package org.mincard.application.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.mincard.domain.shared.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The API description tells the truth about status codes (ADR 0025). Every operation the service maps is driven over
 * HTTP (the operations come from the handler mappings, so a new endpoint joins without a change here): first with the
 * refusals any client can provoke (no credentials, a role the authorization table refuses, a body that is not JSON,
 * malformed JSON, an oversized body, a malformed Idempotency-Key, an unknown or malformed id), each answer's status
 * must be documented for that operation and come as problem+json; then along one success path per operation, with
 * the documented request examples as bodies, each must answer exactly the success code the description documents.
 * Runs in a context of its own: the path starts a sweep, a key rotation and a replay.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "mincard.test.isolated-context=api-contract")
class ApiContractIT {

    private static final List<Role> PREFERENCE = List.of(Role.CLERK, Role.SUPERVISOR, Role.RECORDS_OFFICER,
            Role.AUDITOR, Role.ADMIN);
    private static final String SIGNATURE = "Checkpoint-Signature";

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    SecuritySettings settings;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json = new ObjectMapper();
    private JsonNode docs;

    /** One operation: method and path pattern, as Spring maps it and the description lists it. */
    record Op(String method, String pattern) {

        @Override
        public String toString() {
            return method + " " + pattern;
        }
    }

    record Answer(int status, String contentType, Map<String, List<String>> headers, String body) {

        String header(String name) {
            return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> entry.getValue().get(0)).findFirst().orElse(null);
        }
    }

    @Test
    void describesEveryMappedOperation() throws Exception {
        Set<String> described = new TreeSet<>(documented().keySet());

        assertThat(operations()).extracting(Op::toString).isSubsetOf(described);
        assertThat(operations()).hasSizeGreaterThan(50);
    }

    @Test
    void documentsOneSuccessCode_andAnExampleOfEveryRequestBody() throws Exception {
        for (Op op : operations()) {
            JsonNode operation = operation(op);
            List<String> successes = new ArrayList<>();
            operation.path("responses").fieldNames().forEachRemaining(code -> {
                if (code.startsWith("2")) {
                    successes.add(code);
                }
            });
            assertThat(successes).as("documented 2xx of %s", op).hasSize(1);
            if (operation.has("requestBody")) {
                assertThat(example(op)).as("example of the request body of %s", op).isPresent();
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> answersOnlyDocumentedCodes_whenAnyClientSendsWhatItShouldNot() throws Exception {
        List<AuthorizationRule> rules = AuthorizationRules.all(settings);
        List<DynamicTest> probes = new ArrayList<>();
        for (Op op : operations()) {
            AuthorizationRule rule = rules.stream().filter(candidate -> candidate.pattern().equals(op.pattern())
                    && (candidate.method() == null || candidate.method().name().equals(op.method()))).findFirst()
                    .orElseThrow(() -> new AssertionError("no authorization rule for " + op));
            Role allowed = PREFERENCE.stream().filter(rule::allows).findFirst().orElseThrow();
            String sample = op.pattern().replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
            boolean post = "POST".equals(op.method());
            String body = example(op).orElse("{}");
            probes.add(probe(op, "without credentials", () -> send(op.method(), sample, null, post ? body : null,
                    Map.of())));
            PREFERENCE.stream().filter(role -> !rule.allows(role)).findFirst().ifPresent(denied ->
                    probes.add(probe(op, "as " + denied, () -> send(op.method(), sample, denied,
                            post ? body : null, Map.of()))));
            if (post) {
                probes.add(probe(op, "as text/plain", () -> sendRaw("POST", sample, allowed, "text/plain",
                        "not json")));
                probes.add(probe(op, "with malformed JSON", () -> sendRaw("POST", sample, allowed,
                        "application/json", "{\"unfinished\": ")));
                probes.add(probe(op, "with a body over the limit", () -> sendRaw("POST", sample, allowed,
                        "application/json", "{\"padding\": \"" + "x".repeat(70 * 1024) + "\"}")));
                probes.add(probe(op, "with a malformed Idempotency-Key", () -> send("POST", sample, allowed, body,
                        Map.of("Idempotency-Key", "short"))));
            }
            if (op.pattern().contains("{")) {
                probes.add(probe(op, "with an unknown id", () -> send(op.method(), sample, allowed,
                        post ? body : null, purpose(op))));
                String malformed = op.pattern().replaceAll("\\{[^}]+}", "not-an-id");
                probes.add(probe(op, "with a malformed id", () -> send(op.method(), malformed, allowed,
                        post ? body : null, purpose(op))));
            }
        }
        return probes.stream();
    }

    private interface Call {
        Answer run() throws Exception;
    }

    private DynamicTest probe(Op op, String what, Call call) {
        return DynamicTest.dynamicTest(op + " " + what, () -> {
            Answer answer = call.run();

            assertDocumented(op, answer, what);
            if (answer.status() >= 400) {
                assertThat(answer.contentType()).as("%s %s: content type", op, what)
                        .startsWith("application/problem+json");
                assertThat(json.readTree(answer.body()).path("status").asInt()).isEqualTo(answer.status());
            }
        });
    }

    @Test
    void answersTheDocumentedSuccessCode_whenEveryOperationIsCalledAsItShouldBe() throws Exception {
        Set<String> driven = new TreeSet<>();
        Steps steps = new Steps(driven);
        String siteA = "a0000000-0000-4000-8000-00000000000a";

        // A case through escalation to a mailed card that comes back and is handed over; then its card.
        Answer submitted = steps.call(Role.CLERK, "POST", "/api/v1/cases", "/api/v1/cases", steps.example(
                "POST /api/v1/cases"));
        String caseA = json.readTree(submitted.body()).path("caseId").asText();
        assertThat(submitted.header("Location")).isEqualTo("/api/v1/cases/" + caseA);
        String token = submitted.header("Consistency-Token");
        steps.read(Role.CLERK, "/api/v1/cases/{caseId}", "/api/v1/cases/" + caseA, token);
        steps.call(Role.CLERK, "GET", "/api/v1/cases/{caseId}/personal-data", "/api/v1/cases/" + caseA
                + "/personal-data", null, Map.of("X-Access-Purpose", "CASE_WORK", "Consistency-Token", token));
        steps.act(Role.CLERK, caseA, "check-in", null);
        steps.act(Role.SUPERVISOR, caseA, "assign", steps.example("POST /api/v1/cases/{caseId}/assign"));
        steps.act(Role.SUPERVISOR, caseA, "release", null);
        steps.act(Role.CLERK, caseA, "claim", null);
        steps.act(Role.SUPERVISOR, caseA, "priority", steps.example("POST /api/v1/cases/{caseId}/priority"));
        steps.act(Role.CLERK, caseA, "review", steps.example("POST /api/v1/cases/{caseId}/review"));
        steps.act(Role.CLERK, caseA, "escalate", steps.example("POST /api/v1/cases/{caseId}/escalate"));
        steps.act(Role.SUPERVISOR, caseA, "return-from-escalation", null);
        steps.act(Role.SUPERVISOR, caseA, "approve", null);
        Answer produced = steps.act(Role.CLERK, caseA, "produce-card", null);
        steps.act(Role.CLERK, caseA, "mail", steps.example("POST /api/v1/cases/{caseId}/mail"));
        steps.act(Role.CLERK, caseA, "mark-returned", null);
        steps.act(Role.CLERK, caseA, "hand-over", null);
        String cardNumber = cardNumber(caseA, produced.header("Consistency-Token"));
        steps.card(Role.SUPERVISOR, cardNumber, "revoke");
        steps.card(Role.SUPERVISOR, cardNumber, "reinstate");
        steps.card(Role.CLERK, cardNumber, "report-lost");

        // Delivery confirmed; a denial appealed; the side exits.
        String caseB = steps.submit();
        for (String action : List.of("check-in", "review", "approve", "produce-card", "mail", "confirm-delivery")) {
            steps.act(Role.CLERK, caseB, action, action.equals("review") || action.equals("mail")
                    ? steps.example("POST /api/v1/cases/{caseId}/" + action) : null);
        }
        String caseC = steps.submit();
        steps.act(Role.CLERK, caseC, "check-in", null);
        steps.act(Role.CLERK, caseC, "review", steps.example("POST /api/v1/cases/{caseId}/review"));
        steps.act(Role.CLERK, caseC, "deny", steps.example("POST /api/v1/cases/{caseId}/deny"));
        steps.act(Role.CLERK, caseC, "appeal", null);
        steps.act(Role.SUPERVISOR, caseC, "decide-appeal", steps.example("POST /api/v1/cases/{caseId}/decide-appeal"));
        steps.act(Role.CLERK, steps.submit(), "withdraw", null);
        steps.act(Role.CLERK, steps.submit(), "mark-no-show", null);
        String caseF = steps.submit();
        steps.act(Role.CLERK, caseF, "check-in", null);
        steps.act(Role.CLERK, caseF, "abandon", null);
        steps.act(Role.CLERK, steps.submit(), "cancel", steps.example("POST /api/v1/cases/{caseId}/cancel"));

        // Queues and dashboard.
        steps.read(Role.CLERK, "/api/v1/queues", "/api/v1/queues", null);
        steps.read(Role.CLERK, "/api/v1/queues/{queue}", "/api/v1/queues/intake", null);
        steps.read(Role.SUPERVISOR, "/api/v1/dashboard", "/api/v1/dashboard", null);
        steps.call(Role.SUPERVISOR, "POST", "/api/v1/queues/reassignments", "/api/v1/queues/reassignments",
                steps.example("POST /api/v1/queues/reassignments"));

        // Third-party request register, through disclosure.
        ObjectNode request = (ObjectNode) json.readTree(steps.example("POST /api/v1/requests"));
        ((ArrayNode) request.putArray("caseIds")).add(caseA);
        Answer registered = steps.call(Role.RECORDS_OFFICER, "POST", "/api/v1/requests", "/api/v1/requests",
                request.toString());
        String requestId = json.readTree(registered.body()).path("requestId").asText();
        assertThat(registered.header("Location")).isEqualTo("/api/v1/requests/" + requestId);
        steps.read(Role.RECORDS_OFFICER, "/api/v1/requests", "/api/v1/requests", null);
        steps.read(Role.RECORDS_OFFICER, "/api/v1/requests/{requestId}", "/api/v1/requests/" + requestId, null);
        steps.request(requestId, "counsel-review", steps.example("POST /api/v1/requests/{requestId}/counsel-review"));
        ObjectNode decision = (ObjectNode) json.readTree(steps.example("POST /api/v1/requests/{requestId}/decision"));
        decision.put("decision", "FULL");
        steps.request(requestId, "decision", decision.toString());
        steps.request(requestId, "holder-notification",
                steps.example("POST /api/v1/requests/{requestId}/holder-notification"));
        ObjectNode disclosure = (ObjectNode) json.readTree(
                steps.example("POST /api/v1/requests/{requestId}/disclosures"));
        ((ArrayNode) disclosure.putArray("caseIds")).add(caseA);
        steps.request(requestId, "disclosures", disclosure.toString());
        steps.request(requestId, "response", steps.example("POST /api/v1/requests/{requestId}/response"));

        // Retention: policy, reports, a hold placed and released, a sweep and its manifest.
        steps.read(Role.RECORDS_OFFICER, "/api/v1/retention/policy", "/api/v1/retention/policy", null);
        steps.read(Role.RECORDS_OFFICER, "/api/v1/retention/forecast", "/api/v1/retention/forecast?until="
                + LocalDate.now().plusYears(1), null);
        steps.read(Role.RECORDS_OFFICER, "/api/v1/retention/compliance", "/api/v1/retention/compliance", null);
        ObjectNode hold = (ObjectNode) json.readTree(steps.example("POST /api/v1/retention/holds"));
        ((ArrayNode) hold.putArray("caseIds")).add(caseC);
        Answer placed = steps.call(Role.RECORDS_OFFICER, "POST", "/api/v1/retention/holds", "/api/v1/retention/holds",
                hold.toString());
        String holdId = json.readTree(placed.body()).path("holdId").asText();
        steps.read(Role.RECORDS_OFFICER, "/api/v1/retention/holds", "/api/v1/retention/holds", null);
        steps.call(Role.RECORDS_OFFICER, "POST", "/api/v1/retention/holds/{holdId}/release",
                "/api/v1/retention/holds/" + holdId + "/release",
                steps.example("POST /api/v1/retention/holds/{holdId}/release"));
        Answer sweep = steps.call(Role.RECORDS_OFFICER, "POST", "/api/v1/retention/sweeps", "/api/v1/retention/sweeps",
                null);
        String sweepId = json.readTree(sweep.body()).path("sweepId").asText();
        assertThat(sweep.header("Location")).isEqualTo("/api/v1/retention/sweeps/" + sweepId);
        steps.read(Role.RECORDS_OFFICER, "/api/v1/retention/sweeps/{sweepId}", "/api/v1/retention/sweeps/" + sweepId,
                null);
        await().atMost(Duration.ofSeconds(60)).until(() -> send("GET", "/api/v1/retention/manifests/" + sweepId,
                Role.RECORDS_OFFICER, null, Map.of()).status() != 404);
        steps.read(Role.RECORDS_OFFICER, "/api/v1/retention/manifests/{sweepId}", "/api/v1/retention/manifests/"
                + sweepId, null);
        steps.read(Role.RECORDS_OFFICER, "/api/v1/retention/manifests", "/api/v1/retention/manifests", null);
        steps.read(Role.RECORDS_OFFICER, "/api/v1/retention/signing-key", "/api/v1/retention/signing-key", null);

        // Oversight: a checkpoint taken, downloaded and verified; the logs; the annual report.
        Answer checkpoint = steps.call(steps.allowed("POST /api/v1/audit/checkpoints"), "POST",
                "/api/v1/audit/checkpoints", "/api/v1/audit/checkpoints", null);
        String checkpointId = json.readTree(checkpoint.body()).path("checkpointId").asText();
        assertThat(checkpoint.header("Location")).isEqualTo("/api/v1/audit/checkpoints/" + checkpointId);
        Answer downloaded = steps.read(null, "/api/v1/audit/checkpoints/{checkpointId}", "/api/v1/audit/checkpoints/"
                + checkpointId, null);
        steps.read(null, "/api/v1/audit/checkpoints/{checkpointId}/signature", "/api/v1/audit/checkpoints/"
                + checkpointId + "/signature", null);
        steps.read(null, "/api/v1/audit/signing-key", "/api/v1/audit/signing-key", null);
        steps.read(null, "/api/v1/audit/verify", "/api/v1/audit/verify", null);
        steps.call(steps.allowed("POST /api/v1/audit/verify"), "POST", "/api/v1/audit/verify", "/api/v1/audit/verify",
                downloaded.body(), Map.of(SIGNATURE, downloaded.header(SIGNATURE)));
        steps.read(null, "/api/v1/audit/access-records", "/api/v1/audit/access-records", null);
        steps.read(null, "/api/v1/audit/search-records", "/api/v1/audit/search-records", null);
        steps.read(null, "/api/v1/reports/annual", "/api/v1/reports/annual?year=" + LocalDate.now().getYear(), null);

        // Operations: dead letters, a key rotation, and last (it empties a read model) a replay.
        steps.read(Role.ADMIN, "/api/v1/admin/dead-letters", "/api/v1/admin/dead-letters", null);
        steps.call(Role.ADMIN, "POST", "/api/v1/admin/dead-letters/{processingGroup}/retries",
                "/api/v1/admin/dead-letters/case-view/retries", null);
        Answer rotation = steps.call(Role.ADMIN, "POST", "/api/v1/admin/key-rotations", "/api/v1/admin/key-rotations",
                null);
        steps.read(Role.ADMIN, "/api/v1/admin/key-rotations/{rotationId}", rotation.header("Location"), null);
        Answer bulk = steps.call(Role.ADMIN, "POST", "/api/v1/admin/replays/bulk", "/api/v1/admin/replays/bulk",
                steps.example("POST /api/v1/admin/replays/bulk"));
        steps.read(Role.ADMIN, "/api/v1/admin/replays/bulk/{rebuildId}", bulk.header("Location"), null);
        Answer replay = steps.call(Role.ADMIN, "POST", "/api/v1/admin/replays", "/api/v1/admin/replays",
                steps.example("POST /api/v1/admin/replays"));
        steps.read(Role.ADMIN, "/api/v1/admin/replays/{replayId}", replay.header("Location"), null);

        Set<String> all = new TreeSet<>();
        operations().forEach(op -> all.add(op.toString()));
        assertThat(driven).as("operations whose success path is not driven here").containsExactlyElementsOf(all);
    }

    /** The steps of the success path: each call must answer the operation's documented success code. */
    private final class Steps {

        private final Set<String> driven;

        Steps(Set<String> driven) {
            this.driven = driven;
        }

        Answer call(Role role, String method, String pattern, String path, String body) throws Exception {
            return call(role, method, pattern, path, body, Map.of());
        }

        Answer call(Role role, String method, String pattern, String path, String body, Map<String, String> headers)
                throws Exception {
            Op op = new Op(method, pattern);
            Answer answer = send(method, path, role, body, headers);
            assertThat(answer.status()).as("%s as %s answered %s", op, role, answer.body())
                    .isEqualTo(successCode(op));
            driven.add(op.toString());
            return answer;
        }

        Answer read(Role role, String pattern, String path, String token) throws Exception {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Accept", "application/json, application/octet-stream, application/x-pem-file, text/plain");
            if (token != null) {
                headers.put("Consistency-Token", token);
            }
            return call(role == null ? allowed("GET " + pattern) : role, "GET", pattern, path, null, headers);
        }

        Answer act(Role role, String caseId, String action, String body) throws Exception {
            return call(role, "POST", "/api/v1/cases/{caseId}/" + action, "/api/v1/cases/" + caseId + "/" + action,
                    body);
        }

        Answer card(Role role, String cardNumber, String action) throws Exception {
            String pattern = "/api/v1/cards/{cardNumber}/" + action;
            return call(role, "POST", pattern, "/api/v1/cards/" + cardNumber + "/" + action,
                    ApiContractIT.this.example(new Op("POST", pattern)).orElse(null));
        }

        Answer request(String requestId, String action, String body) throws Exception {
            return call(Role.RECORDS_OFFICER, "POST", "/api/v1/requests/{requestId}/" + action, "/api/v1/requests/"
                    + requestId + "/" + action, body);
        }

        String submit() throws Exception {
            Answer answer = call(Role.CLERK, "POST", "/api/v1/cases", "/api/v1/cases", example("POST /api/v1/cases"));
            return json.readTree(answer.body()).path("caseId").asText();
        }

        String example(String op) throws Exception {
            String[] parts = op.split(" ", 2);
            return ApiContractIT.this.example(new Op(parts[0], parts[1])).orElseThrow();
        }

        Role allowed(String op) {
            String[] parts = op.split(" ", 2);
            AuthorizationRule rule = AuthorizationRules.all(settings).stream()
                    .filter(candidate -> candidate.pattern().equals(parts[1]) && candidate.method() != null
                            && candidate.method().name().equals(parts[0])).findFirst().orElseThrow();
            return PREFERENCE.stream().filter(rule::allows).findFirst().orElseThrow();
        }
    }

    private String cardNumber(String caseId, String token) throws Exception {
        Answer fields = send("GET", "/api/v1/cases/" + caseId + "/personal-data", Role.CLERK, null,
                Map.of("X-Access-Purpose", "CASE_WORK", "Consistency-Token", token));
        String number = json.readTree(fields.body()).path("fields").path("CARD_NUMBER").path("value").asText();
        assertThat(number).as("card number in %s", fields.status()).isNotBlank();
        return number;
    }

    private void assertDocumented(Op op, Answer answer, String what) throws Exception {
        assertThat(documented().get(op.toString())).as("%s %s answered %s: %s", op, what, answer.status(),
                answer.body()).contains(answer.status());
    }

    private int successCode(Op op) throws Exception {
        return documented().get(op.toString()).stream().filter(code -> code >= 200 && code < 300).findFirst()
                .orElseThrow();
    }

    private Map<String, String> purpose(Op op) throws Exception {
        for (JsonNode parameter : operation(op).path("parameters")) {
            if ("X-Access-Purpose".equals(parameter.path("name").asText())
                    && parameter.path("required").asBoolean()) {
                return Map.of("X-Access-Purpose", "CASE_WORK");
            }
        }
        return Map.of();
    }

    /** The documented example of the operation's JSON request body (on the media type or its schema). */
    private Optional<String> example(Op op) throws Exception {
        JsonNode media = operation(op).path("requestBody").path("content").path("application/json");
        if (media.isMissingNode()) {
            return Optional.empty();
        }
        JsonNode example = media.path("example");
        if (example.isMissingNode() && media.path("examples").size() > 0) {
            example = media.path("examples").elements().next().path("value");
        }
        if (example.isMissingNode()) {
            String ref = media.path("schema").path("$ref").asText();
            if (ref.startsWith("#/components/schemas/")) {
                example = docs().path("components").path("schemas")
                        .path(ref.substring("#/components/schemas/".length())).path("example");
            }
        }
        if (example.isMissingNode() || example.isNull()) {
            return Optional.empty();
        }
        return Optional.of(example.isTextual() ? example.asText() : json.writeValueAsString(example));
    }

    private JsonNode operation(Op op) throws Exception {
        return docs().path("paths").path(op.pattern()).path(op.method().toLowerCase());
    }

    private Map<String, Set<Integer>> documented() throws Exception {
        Map<String, Set<Integer>> codes = new TreeMap<>();
        docs().path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
            Set<Integer> statuses = new TreeSet<>();
            method.getValue().path("responses").fieldNames().forEachRemaining(code -> statuses.add(
                    Integer.parseInt(code)));
            codes.put(method.getKey().toUpperCase() + " " + path.getKey(), statuses);
        }));
        return codes;
    }

    private JsonNode docs() throws Exception {
        if (docs == null) {
            Answer answer = send("GET", "/v3/api-docs", null, null, Map.of());
            assertThat(answer.status()).isEqualTo(200);
            docs = json.readTree(answer.body());
        }
        return docs;
    }

    private List<Op> operations() {
        Set<String> seen = new TreeSet<>();
        List<Op> operations = new ArrayList<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            for (String pattern : info.getPatternValues()) {
                if (!pattern.startsWith("/api/")) {
                    continue;
                }
                info.getMethodsCondition().getMethods().forEach(method -> {
                    if (seen.add(method.name() + " " + pattern)) {
                        operations.add(new Op(method.name(), pattern));
                    }
                });
            }
        }
        operations.sort((a, b) -> a.toString().compareTo(b.toString()));
        return operations;
    }

    private Answer send(String method, String path, Role role, String body, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = request(path, role);
        headers.forEach(request::header);
        if ("POST".equals(method)) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        return answer(request.build());
    }

    private Answer sendRaw(String method, String path, Role role, String contentType, String body) throws Exception {
        return answer(request(path, role).header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
    }

    private HttpRequest.Builder request(String path, Role role) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(60));
        if (role != null) {
            String user = AuthorizationMatrixIT.demoUser(role) + ":" + AuthorizationMatrixIT.PASSWORD;
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    user.getBytes(StandardCharsets.UTF_8)));
        }
        return request;
    }

    private Answer answer(HttpRequest request) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.headers().map(), response.body());
    }
}
