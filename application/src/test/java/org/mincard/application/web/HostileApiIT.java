package org.mincard.application.web;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.AppenderBase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The project's own generative test of the API, driven by its OpenAPI description ({@code /v3/api-docs} of this
 * running instance): every operation × every role × a family of hostile values for each path, query and header
 * parameter and each body field, plus forbidden fields, duplicate keys, other media types and charsets, body-less
 * cross-site POSTs, URLs the firewall refuses and unknown methods. It asserts that nothing answers 5xx, every error
 * is {@code application/problem+json}, no forbidden field is accepted, no refused request stores a row in the event
 * store or the lookup and vault tables, and no hostile value reaches the service log or is echoed in an answer.
 *
 * <p>Seeded ({@code -Dmincard.fuzz.seed}, default 15). {@code -Dmincard.fuzz.size} is the number of requests: the
 * default fits the README's test command; every operation × role pair is covered before any pair gets a second
 * value. The figures are printed at the end (docs/security.md keeps those of a larger run).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HostileApiIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String PASSWORD = "test-password";
    private static final List<String> USERS = List.of("clerk-a", "supervisor", "records-officer", "auditor", "admin");
    private static final String SITE_A = "a0000000-0000-4000-8000-00000000000a";
    private static final List<String> FORBIDDEN = List.of("ssn", "documentNumber", "documentImage",
            "immigrationStatus");
    /** Values that carry no marker of their own but must not be found in the log either. */
    private static final List<String> LOGGED_LITERALS = List.of("999999999-12-31", "999999999-01-01",
            "1000000000-01-01", "999999999T");
    private static final CapturedLog LOG = new CapturedLog();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Random random = new Random(Long.getLong("mincard.fuzz.seed", 15L));
    private int markerCounter;
    private final List<String> markers = new ArrayList<>();

    @BeforeAll
    static void captureLog() {
        LOG.setContext((ch.qos.logback.classic.LoggerContext) LoggerFactory.getILoggerFactory());
        LOG.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(LOG);
    }

    @AfterAll
    static void releaseLog() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(LOG);
    }

    /** One request of the run: what it carries and what its answer must (not) be. */
    record Probe(String user, String method, String path, Map<String, String> headers, byte[] body, String label,
                 boolean forbiddenField) {
    }

    @Test
    void answersEveryHostileRequestWithAProblem_andStoresNothing() throws Exception {
        int size = Integer.getInteger("mincard.fuzz.size", 1000);
        JsonNode docs = JSON.readTree(send(new Probe("admin", "GET", "/v3/api-docs", Map.of(), null, "docs",
                false)).body());
        String caseId = submitOneCase();
        List<String> tables = countedTables();

        List<Iterator<Probe>> perPair = new ArrayList<>();
        List<String> operations = new ArrayList<>();
        docs.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            String method = op.getKey().toUpperCase(Locale.ROOT);
            operations.add(method + " " + path.getKey());
            for (String user : USERS) {
                List<Probe> probes = probes(docs, user, method, path.getKey(), op.getValue(), caseId);
                Collections.shuffle(probes, random);
                perPair.add(probes.iterator());
            }
        }));
        Collections.shuffle(perPair, random);
        List<Probe> run = new ArrayList<>(classProbes(caseId));
        // Round robin: every operation × role pair is covered before any gets a second value.
        while (run.size() < size && perPair.stream().anyMatch(Iterator::hasNext)) {
            for (Iterator<Probe> pair : perPair) {
                if (pair.hasNext() && run.size() < size) {
                    run.add(pair.next());
                }
            }
        }

        Figures figures = new Figures();
        long rowsBefore = rows(tables);
        for (Probe probe : run) {
            HttpResponse<String> answer = send(probe);
            long rowsAfter = rows(tables);
            figures.count(probe, answer, rowsAfter - rowsBefore, markersIn(probe));
            // An accepted request may start background work (202: a key rotation, a sweep, a rebuild) that stores
            // rows later; let it settle, so its rows are never counted against a later refused request.
            rowsBefore = answer.statusCode() == 202 ? settled(tables) : rowsAfter;
        }
        List<String> logged = new ArrayList<>();
        for (String line : LOG.lines) {
            for (String marker : markers) {
                if (line.contains(marker)) {
                    logged.add(marker);
                }
            }
            for (String literal : LOGGED_LITERALS) {
                if (line.contains(literal)) {
                    logged.add(literal);
                }
            }
        }
        figures.loggedValues = logged.size();
        System.out.printf("HostileApiIT figures: seed %d, operations %d, roles %d, requests %d, 2xx %d, 4xx %d,"
                        + " 5xx %d, non-problem error answers %d, echoed values %d, accepted forbidden fields %d,"
                        + " rows stored by refused requests %d, fuzz values in the log %d%n",
                Long.getLong("mincard.fuzz.seed", 15L), operations.size(), USERS.size(), figures.requests,
                figures.success, figures.clientErrors, figures.serverErrors, figures.nonProblem, figures.echoed,
                figures.acceptedForbidden, figures.storedByRefused, figures.loggedValues);
        figures.examples.forEach(example -> System.out.println("  " + example));

        assertThat(figures.serverErrors).as("5xx answers %s", figures.examples).isZero();
        assertThat(figures.nonProblem).as("error answers that are not problem+json %s", figures.examples).isZero();
        assertThat(figures.echoed).as("answers echoing a hostile value %s", figures.examples).isZero();
        assertThat(figures.acceptedForbidden).as("accepted forbidden fields %s", figures.examples).isZero();
        assertThat(figures.storedByRefused).as("rows stored by refused requests %s", figures.examples).isZero();
        assertThat(logged).as("hostile values found in the service log").isEmpty();
        assertThat(figures.requests).isGreaterThanOrEqualTo(Math.min(size, operations.size() * USERS.size()));
    }

    /** The classes that do not depend on an operation's parameters: media types, CSRF, firewall, methods. */
    private List<Probe> classProbes(String caseId) {
        List<Probe> probes = new ArrayList<>();
        String submit = "/api/v1/cases";
        String yaml = "type: 1\nsiteId: " + SITE_A + "\nssn: \"" + marker() + "\"\ndocumentNumber: \"" + marker()
                + "\"\ndocumentImage: \"" + marker() + "\"\napplicant:\n  legalName: Y\n  dateOfBirth: 1990-01-01\n";
        for (String type : List.of("application/yaml", "application/x-yaml", "text/yaml", "application/xml",
                "text/plain", "*/*", "application/*", "application/x-www-form-urlencoded", "multipart/form-data",
                "application/cbor", "application/x-jackson-smile")) {
            probes.add(new Probe("clerk-a", "POST", submit, Map.of("Content-Type", type),
                    yaml.getBytes(StandardCharsets.UTF_8), "media type " + type, true));
        }
        String forbiddenJson = "{\"type\":\"NEW\",\"siteId\":\"" + SITE_A + "\",\"ssn\":\"" + marker()
                + "\",\"applicant\":{\"legalName\":\"Y\",\"dateOfBirth\":\"1990-01-01\"}}";
        for (String type : List.of("application/json; charset=utf-16", "application/json; charset=UTF-16BE",
                "application/json;charset=iso-8859-1", "application/vnd.mincard+json", "application/merge-patch+json",
                "application/problem+json", "application/json; profile=x", "application/json; charset=nope",
                "application/jsonx", "application/json; charset=utf-8")) {
            Charset charset = type.toLowerCase(Locale.ROOT).contains("utf-16")
                    ? StandardCharsets.UTF_16 : StandardCharsets.UTF_8;
            probes.add(new Probe("clerk-a", "POST", submit, Map.of("Content-Type", type),
                    forbiddenJson.getBytes(charset), "json variant " + type, true));
        }
        // A cross-site form (or a no-cors fetch) acting with the browser's cached Basic credentials.
        String action = "/api/v1/cases/" + caseId + "/withdraw";
        probes.add(new Probe("clerk-a", "POST", action, Map.of("Content-Type", "application/x-www-form-urlencoded",
                "Origin", "https://evil.example"), "reason=x".getBytes(StandardCharsets.UTF_8), "csrf form", false));
        probes.add(new Probe("clerk-a", "POST", action, Map.of("Content-Type", "text/plain",
                "Origin", "https://evil.example"), new byte[0], "csrf text/plain", false));
        probes.add(new Probe("clerk-a", "POST", action, Map.of("Origin", "https://evil.example"), null,
                "csrf no content type", false));
        for (String path : List.of("/api/v1//cases", "//api/v1/cases", "/api/v1/./cases", "/api/v1/cases;jsessionid=1",
                "/api/v1/cases/%2e%2e/cases", "/api/v1/cases/%2E%2E", "/api/v1/cases/..;/x", "/api/v1/cases/%2F",
                "/api/v1/cases/%5C", "/api/v1/cases/%00", "/api/v1/cases/%0a", "/api/v1/cases/%25",
                "/api/v1/cases/" + caseId + ";x=1")) {
            probes.add(new Probe("clerk-a", "GET", path, Map.of(), null, "firewall " + path, false));
        }
        for (String method : List.of("TRACE", "PROPFIND", "FOO", "MKCOL", "LOCK")) {
            probes.add(new Probe("clerk-a", method, "/api/v1/cases/" + caseId, Map.of(), null, "method " + method,
                    false));
        }
        for (String key : List.of("short", "x".repeat(201), "        ", "has space-" + marker(), "quote\"-" + marker())) {
            probes.add(new Probe("clerk-a", "POST", submit, Map.of("Content-Type", "application/json",
                    "Idempotency-Key", key), validSubmission().getBytes(StandardCharsets.UTF_8),
                    "idempotency key", false));
        }
        String duplicate = "{\"type\":\"NEW\",\"siteId\":\"" + SITE_A + "\",\"siteId\":\"" + SITE_A
                + "\",\"applicant\":{\"legalName\":\"Y\",\"dateOfBirth\":\"1990-01-01\"}}";
        probes.add(new Probe("clerk-a", "POST", submit, Map.of("Content-Type", "application/json"),
                duplicate.getBytes(StandardCharsets.UTF_8), "duplicate key", false));
        return probes;
    }

    /** Every hostile variant of one operation for one user, derived from its described parameters and body. */
    private List<Probe> probes(JsonNode docs, String user, String method, String template, JsonNode operation,
                               String caseId) {
        List<Probe> probes = new ArrayList<>();
        Map<String, String> pathValues = new LinkedHashMap<>();
        Map<String, String> queryValues = new LinkedHashMap<>();
        Map<String, String> headerValues = new LinkedHashMap<>();
        List<JsonNode> parameters = new ArrayList<>();
        operation.path("parameters").forEach(parameter -> parameters.add(resolve(docs, parameter)));
        for (JsonNode parameter : parameters) {
            JsonNode schema = resolve(docs, parameter.path("schema"));
            String name = parameter.path("name").asText();
            String value = "caseId".equals(name) ? caseId : scalarExample(schema).asText();
            switch (parameter.path("in").asText()) {
                case "path" -> pathValues.put(name, value);
                case "query" -> {
                    if (parameter.path("required").asBoolean()) {
                        queryValues.put(name, value);
                    }
                }
                case "header" -> {
                    if (parameter.path("required").asBoolean()) {
                        headerValues.put(name, value);
                    }
                }
                default -> {
                }
            }
        }
        JsonNode bodySchema = operation.path("requestBody").path("content").path("application/json").path("schema");
        JsonNode body = bodySchema.isMissingNode() ? null : example(docs, resolve(docs, bodySchema), 0);
        for (JsonNode parameter : parameters) {
            JsonNode schema = resolve(docs, parameter.path("schema"));
            String name = parameter.path("name").asText();
            String in = parameter.path("in").asText();
            for (String hostile : hostileScalars(schema)) {
                Map<String, String> path = new LinkedHashMap<>(pathValues);
                Map<String, String> query = new LinkedHashMap<>(queryValues);
                Map<String, String> headers = new LinkedHashMap<>(headerValues);
                switch (in) {
                    case "path" -> path.put(name, hostile);
                    case "query" -> query.put(name, hostile);
                    case "header" -> {
                        if (!isSendableHeader(hostile)) {
                            continue;
                        }
                        headers.put(name, hostile);
                    }
                    default -> {
                        continue;
                    }
                }
                probes.add(probe(user, method, template, path, query, headers, body, in + " " + name));
            }
        }
        if (body != null) {
            for (Map.Entry<String, JsonNode> variant : bodyVariants(docs, resolve(docs, bodySchema), body)) {
                probes.add(probe(user, method, template, pathValues, queryValues, headerValues, variant.getValue(),
                        variant.getKey()));
            }
            for (String field : FORBIDDEN) {
                ObjectNode forbidden = body.isObject() ? ((ObjectNode) body.deepCopy()) : NODES.objectNode();
                forbidden.put(field, marker());
                Probe probe = probe(user, method, template, pathValues, queryValues, headerValues, forbidden,
                        "forbidden " + field);
                probes.add(new Probe(probe.user(), probe.method(), probe.path(), probe.headers(), probe.body(),
                        probe.label(), true));
            }
            Probe yaml = probe(user, method, template, pathValues, queryValues, headerValues, body, "yaml body");
            Map<String, String> yamlHeaders = new LinkedHashMap<>(yaml.headers());
            yamlHeaders.put("Content-Type", "application/yaml");
            probes.add(new Probe(user, method, yaml.path(), yamlHeaders,
                    ("ssn: " + marker() + "\n").getBytes(StandardCharsets.UTF_8), "yaml body", true));
        } else if ("POST".equals(method)) {
            Probe bare = probe(user, method, template, pathValues, queryValues, headerValues, null, "bodyless form");
            Map<String, String> formHeaders = new LinkedHashMap<>(bare.headers());
            formHeaders.put("Content-Type", "application/x-www-form-urlencoded");
            probes.add(new Probe(user, method, bare.path(), formHeaders, "a=b".getBytes(StandardCharsets.UTF_8),
                    "bodyless POST as a form", false));
        }
        return probes;
    }

    private Probe probe(String user, String method, String template, Map<String, String> path,
                        Map<String, String> query, Map<String, String> headers, JsonNode body, String label) {
        String uri = template;
        for (Map.Entry<String, String> value : path.entrySet()) {
            uri = uri.replace("{" + value.getKey() + "}", encode(value.getValue()).replace("+", "%20"));
        }
        StringBuilder queryString = new StringBuilder();
        query.forEach((name, value) -> queryString.append(queryString.isEmpty() ? "?" : "&")
                .append(encode(name)).append('=').append(encode(value)));
        Map<String, String> allHeaders = new LinkedHashMap<>(headers);
        byte[] bytes = null;
        if (body != null) {
            allHeaders.put("Content-Type", "application/json");
            bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        } else if ("POST".equals(method) || "PUT".equals(method) || "PATCH".equals(method)) {
            allHeaders.put("Content-Type", "application/json");
        }
        return new Probe(user, method, uri + queryString, allHeaders, bytes, label, false);
    }

    /** Hostile values for a parameter or a scalar body field of this schema. */
    private List<String> hostileScalars(JsonNode schema) {
        List<String> values = new ArrayList<>(List.of("\u0000" + marker(), marker() + "\u0001\u001b[31m",
                marker() + "\u007f\u0085", "", "   ", marker() + "'\"<>;--", "9".repeat(40)));
        String format = schema.path("format").asText();
        String type = schema.path("type").asText();
        if ("date".equals(format) || "date-time".equals(format)) {
            values.addAll(List.of("+999999999-12-31", "-999999999-01-01", "+1000000000-01-01T00:00:00Z",
                    "+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "0000-01-01", "2026-02-30"));
        }
        if ("integer".equals(type) || "number".equals(type)) {
            values.addAll(List.of("999999999", "-999999999", "2147483648", "-1", "0", "1e309", "NaN"));
        }
        if ("uuid".equals(format)) {
            values.addAll(List.of("00000000-0000-0000-0000-000000000000", "not-a-uuid-" + marker()));
        }
        return values;
    }

    /** The valid body with one field at a time replaced by a hostile value, plus whole-body hostile shapes. */
    private List<Map.Entry<String, JsonNode>> bodyVariants(JsonNode docs, JsonNode schema, JsonNode body) {
        List<Map.Entry<String, JsonNode>> variants = new ArrayList<>();
        forEachField(docs, schema, body, "", (field) -> {
            JsonNode fieldSchema = field.schema;
            if ("array".equals(fieldSchema.path("type").asText())) {
                for (JsonNode hostile : List.of(array(NODES.nullNode()), array(NODES.textNode("")),
                        array(NODES.textNode("  ")), NODES.arrayNode(), array(NODES.textNode("\u0000" + marker())),
                        NODES.nullNode())) {
                    variants.add(Map.entry("body " + field.path, replaced(body, field, hostile)));
                }
            } else if (!"object".equals(fieldSchema.path("type").asText())) {
                for (String hostile : hostileScalars(fieldSchema)) {
                    variants.add(Map.entry("body " + field.path, replaced(body, field, NODES.textNode(hostile))));
                }
                variants.add(Map.entry("body " + field.path, replaced(body, field, NODES.numberNode(1))));
                variants.add(Map.entry("body " + field.path, replaced(body, field, NODES.nullNode())));
                variants.add(Map.entry("body " + field.path, replaced(body, field, NODES.objectNode())));
            }
        });
        variants.add(Map.entry("body null", NODES.nullNode()));
        variants.add(Map.entry("body array", array(body)));
        return variants;
    }

    private record Field(String path, JsonNode schema, List<Object> location) {
    }

    private void forEachField(JsonNode docs, JsonNode schema, JsonNode body, String prefix, Consumer<Field> action) {
        forEachField(docs, schema, body, prefix, new ArrayList<>(), action, 0);
    }

    private void forEachField(JsonNode docs, JsonNode schema, JsonNode node, String prefix, List<Object> location,
                              Consumer<Field> action, int depth) {
        if (depth > 4 || node == null) {
            return;
        }
        JsonNode properties = schema.path("properties");
        properties.fields().forEachRemaining(property -> {
            JsonNode propertySchema = resolve(docs, property.getValue());
            List<Object> at = new ArrayList<>(location);
            at.add(property.getKey());
            String path = prefix + property.getKey();
            action.accept(new Field(path, propertySchema, at));
            JsonNode child = node.get(property.getKey());
            if ("object".equals(propertySchema.path("type").asText()) || propertySchema.has("properties")) {
                forEachField(docs, propertySchema, child, path + ".", at, action, depth + 1);
            } else if ("array".equals(propertySchema.path("type").asText()) && child != null && child.size() > 0) {
                JsonNode items = resolve(docs, propertySchema.path("items"));
                List<Object> first = new ArrayList<>(at);
                first.add(0);
                forEachField(docs, items, child.get(0), path + "[0].", first, action, depth + 1);
            }
        });
    }

    private static JsonNode replaced(JsonNode body, Field field, JsonNode value) {
        JsonNode copy = body.deepCopy();
        JsonNode parent = copy;
        List<Object> location = field.location();
        for (int i = 0; i < location.size() - 1; i++) {
            Object step = location.get(i);
            parent = step instanceof Integer index ? parent.path(index) : parent.path((String) step);
        }
        Object last = location.get(location.size() - 1);
        if (parent instanceof ObjectNode object && last instanceof String name) {
            object.set(name, value);
        } else if (parent instanceof ArrayNode array && last instanceof Integer index && index < array.size()) {
            array.set(index, value);
        }
        return copy;
    }

    private static ArrayNode array(JsonNode element) {
        ArrayNode array = NODES.arrayNode();
        array.add(element);
        return array;
    }

    /** A valid-looking value for a schema: the first enum constant, a UUID of a known site, a past date ... */
    private JsonNode example(JsonNode docs, JsonNode schema, int depth) {
        if (schema.has("allOf")) {
            return example(docs, resolve(docs, schema.path("allOf").get(0)), depth);
        }
        if (schema.has("oneOf") || schema.has("anyOf")) {
            JsonNode options = schema.has("oneOf") ? schema.path("oneOf") : schema.path("anyOf");
            return example(docs, resolve(docs, options.get(0)), depth);
        }
        String type = schema.path("type").asText(schema.has("properties") ? "object" : "string");
        if ("object".equals(type)) {
            ObjectNode object = NODES.objectNode();
            if (depth < 5) {
                schema.path("properties").fields().forEachRemaining(property -> object.set(property.getKey(),
                        example(docs, resolve(docs, property.getValue()), depth + 1)));
            }
            return object;
        }
        if ("array".equals(type)) {
            return array(example(docs, resolve(docs, schema.path("items")), depth + 1));
        }
        return scalarExample(schema);
    }

    private static JsonNode scalarExample(JsonNode schema) {
        if (schema.has("enum")) {
            return schema.path("enum").get(0);
        }
        String type = schema.path("type").asText("string");
        return switch (type) {
            case "integer", "number" -> NODES.numberNode(Math.max(1, schema.path("minimum").asInt(1)));
            case "boolean" -> NODES.booleanNode(true);
            default -> switch (schema.path("format").asText()) {
                case "uuid" -> NODES.textNode(SITE_A);
                case "date" -> NODES.textNode("1990-01-01");
                case "date-time" -> NODES.textNode("2026-01-01T00:00:00Z");
                default -> NODES.textNode("x1");
            };
        };
    }

    private static JsonNode resolve(JsonNode docs, JsonNode node) {
        JsonNode current = node;
        for (int i = 0; i < 10 && current.has("$ref"); i++) {
            String ref = current.path("$ref").asText();
            current = docs.at(ref.substring(1));
        }
        return current;
    }

    private String marker() {
        String marker = "fzq" + Integer.toString(random.nextInt(1 << 30), 36) + "x" + (markerCounter++);
        markers.add(marker);
        return marker;
    }

    private List<String> markersIn(Probe probe) {
        String text = probe.path() + " " + probe.headers().values() + " "
                + (probe.body() == null ? "" : new String(probe.body(), StandardCharsets.UTF_8));
        List<String> found = new ArrayList<>();
        int at = text.indexOf("fzq");
        while (at >= 0) {
            int end = text.indexOf('x', at + 3);
            int stop = end;
            while (stop + 1 < text.length() && Character.isDigit(text.charAt(stop + 1))) {
                stop++;
            }
            if (end > 0) {
                found.add(text.substring(at, stop + 1));
            }
            at = text.indexOf("fzq", at + 3);
        }
        return found;
    }

    private static boolean isSendableHeader(String value) {
        for (char c : value.toCharArray()) {
            if (c < 0x20 || c >= 0x7F) {
                return false;
            }
        }
        return !value.isBlank();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private HttpResponse<String> send(Probe probe) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + probe.path()))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (probe.user() + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Accept", "*/*");
        probe.headers().forEach(request::header);
        request.method(probe.method(), probe.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(probe.body()));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String submitOneCase() throws Exception {
        HttpResponse<String> created = send(new Probe("clerk-a", "POST", "/api/v1/cases",
                Map.of("Content-Type", "application/json"), validSubmission().getBytes(StandardCharsets.UTF_8),
                "setup", false));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).path("caseId").asText();
    }

    private static String validSubmission() {
        return "{\"type\":\"NEW\",\"siteId\":\"" + SITE_A + "\",\"applicant\":{\"legalName\":\"Fuzz Applicant\","
                + "\"dateOfBirth\":\"1990-01-01\"}}";
    }

    /** The event store, and every lookup and vault table: what a refused request must never add to. */
    private List<String> countedTables() {
        List<String> tables = new ArrayList<>(jdbc.queryForList("SELECT table_schema || '.' || table_name"
                + " FROM information_schema.tables WHERE table_type = 'BASE TABLE'"
                + " AND (table_schema IN ('lookup', 'vault') OR table_name = 'domainevententry')", String.class));
        assertThat(tables).anyMatch(table -> table.endsWith("domainevententry"));
        return tables;
    }

    /** The row count once it has stayed the same for a second (at most a minute). */
    private long settled(List<String> tables) throws InterruptedException {
        long last = rows(tables);
        int stable = 0;
        for (int poll = 0; poll < 300 && stable < 5; poll++) {
            TimeUnit.MILLISECONDS.sleep(200);
            long now = rows(tables);
            stable = now == last ? stable + 1 : 0;
            last = now;
        }
        return last;
    }

    private long rows(List<String> tables) {
        String sql = tables.stream().map(table -> "(SELECT count(*) FROM " + table + ")")
                .reduce((a, b) -> a + " + " + b).orElseThrow();
        return jdbc.queryForObject("SELECT " + sql, Long.class);
    }

    private static final class Figures {
        int requests;
        int success;
        int clientErrors;
        int serverErrors;
        int nonProblem;
        int echoed;
        int acceptedForbidden;
        long storedByRefused;
        int loggedValues;
        final List<String> examples = new ArrayList<>();

        void count(Probe probe, HttpResponse<String> answer, long newRows, List<String> markers) {
            requests++;
            int status = answer.statusCode();
            String type = answer.headers().firstValue("Content-Type").orElse("");
            String where = probe.method() + " " + probe.path().replaceAll("fzq[0-9a-z]+", "…") + " as "
                    + probe.user() + " [" + probe.label() + "] -> " + status;
            if (status < 400) {
                success++;
            } else if (status < 500) {
                clientErrors++;
            } else {
                serverErrors++;
                note(where + " " + answer.body());
            }
            if (status >= 400 && !type.startsWith("application/problem+json")) {
                nonProblem++;
                note(where + " content type '" + type + "'");
            }
            if (markers.stream().anyMatch(answer.body()::contains)) {
                echoed++;
                note(where + " echoes the value");
            }
            if (probe.forbiddenField() && status < 400) {
                acceptedForbidden++;
                note(where + " accepted a forbidden field");
            }
            if (status >= 400 && newRows > 0) {
                storedByRefused += newRows;
                note(where + " stored " + newRows + " row(s)");
            }
        }

        private void note(String example) {
            if (examples.size() < 40) {
                examples.add(example.length() > 400 ? example.substring(0, 400) : example);
            }
        }
    }

    /** Every line the service logs during the run, with its exception messages and stack frames. */
    private static final class CapturedLog extends AppenderBase<ILoggingEvent> {
        final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();

        @Override
        protected void append(ILoggingEvent event) {
            StringBuilder line = new StringBuilder(event.getFormattedMessage());
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                line.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
                for (StackTraceElementProxy frame : t.getStackTraceElementProxyArray()) {
                    line.append(' ').append(frame.getSTEAsString());
                }
            }
            lines.add(line.toString());
        }
    }
}
