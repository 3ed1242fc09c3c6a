package org.mincard.application.retries;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.mincard.application.config.TestKeys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service killed with SIGKILL under load, five times, while clients drive cases through five steps each with an
 * Idempotency-Key per step and retry every in-doubt request (connection refused or reset, timeout, 5xx, 409 in
 * flight) with the same key until it gets a final answer. Afterwards: every acknowledged step is stored (0 lost) and
 * stored once (0 duplicated): each case has exactly its five events, each cardholder its one card, and no case exists
 * that no client was told about. The service is a child JVM on this test's database, as in SweepCrashRecoveryIT.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class KillNineRetryIT {

    private static final int KILLS = 5;
    private static final int CLIENTS = 3;
    private static final String SITE_A = "a0000000-0000-4000-8000-00000000000a";
    private static final List<String> STEPS = List.of("check-in", "review", "approve", "produce-card");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Environment environment;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final Map<UUID, UUID> cases = new ConcurrentHashMap<>();
    private final Map<UUID, AtomicInteger> acknowledgedSteps = new ConcurrentHashMap<>();
    private final AtomicInteger acknowledged = new AtomicInteger();
    private final AtomicInteger inDoubt = new AtomicInteger();
    private final AtomicInteger replayed = new AtomicInteger();
    private final AtomicInteger notYetVisible = new AtomicInteger();
    private String baseUrl;

    @Test
    void losesAndDuplicatesNothing_whenTheServiceIsKilledFiveTimesUnderRetryingClients() throws Exception {
        long submittedBefore = submittedCases();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        baseUrl = "http://localhost:" + port;
        Path log = Path.of("target", "kill-nine-child.log");
        Files.createDirectories(log.getParent());
        Files.deleteIfExists(log);
        long started = System.nanoTime();
        Process child = startChild(port, log);
        List<Thread> clients = new ArrayList<>();
        int kills = 0;
        try {
            awaitUp(child, log);
            for (int i = 0; i < CLIENTS; i++) {
                Thread client = new Thread(this::driveCases, "retrying-client-" + i);
                client.start();
                clients.add(client);
            }
            for (; kills < KILLS; kills++) {
                int before = acknowledged.get();
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                // Kill while commands are flowing: after a few acknowledged steps since the last start.
                while (acknowledged.get() < before + 6 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                child.destroyForcibly(); // SIGKILL on Linux
                child.waitFor();
                child = startChild(port, log);
                awaitUp(child, log);
            }
            int before = acknowledged.get();
            while (acknowledged.get() < before + 6) {
                Thread.sleep(20);
            }
            stop.set(true);
            for (Thread client : clients) {
                client.join(Duration.ofMinutes(2).toMillis());
                assertThat(client.isAlive()).as("a client still retrying after 2 minutes; see %s", log).isFalse();
            }
        } finally {
            stop.set(true);
            child.destroyForcibly();
            child.waitFor();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("kill -9 retry test: %d kills, %d cases, %d acknowledged commands, %d in-doubt retries, "
                        + "%d replayed answers, %d not-yet-visible retries, %.1f s%n", kills, cases.size(),
                acknowledged.get(), inDoubt.get(), replayed.get(), notYetVisible.get(), seconds);

        assertThat(kills).isEqualTo(KILLS);
        assertThat(failures).as("answers that were neither final successes nor retryable").isEmpty();
        assertThat(inDoubt.get()).as("the kills left requests in doubt (otherwise nothing was tested)").isPositive();
        assertThat(cases).isNotEmpty();
        for (Map.Entry<UUID, UUID> entry : cases.entrySet()) {
            UUID caseId = entry.getKey();
            assertThat(acknowledgedSteps.get(caseId).get()).as("steps acknowledged for %s", caseId)
                    .isEqualTo(STEPS.size());
            List<Map<String, Object>> events = jdbc.queryForList("""
                    SELECT payloadtype, count(*) AS n FROM domainevententry WHERE aggregateidentifier = ?
                    GROUP BY payloadtype""", caseId.toString());
            assertThat(events).as("one event per step of case %s: %s", caseId, events).hasSize(1 + STEPS.size())
                    .allSatisfy(row -> assertThat(((Number) row.get("n")).longValue()).isEqualTo(1));
            assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?",
                    Long.class, entry.getValue().toString())).as("cardholder of %s: one card", caseId).isEqualTo(1);
        }
        assertThat(submittedCases() - submittedBefore).as("cases stored = cases acknowledged (no duplicate case)")
                .isEqualTo(cases.size());
    }

    /** One client: cases one after another, each submitted and driven through every step. */
    private void driveCases() {
        try {
            while (!stop.get()) {
                String body = "{\"type\":\"NEW\",\"siteId\":\"" + SITE_A + "\",\"applicant\":{\"legalName\":"
                        + "\"Crash Example\",\"dateOfBirth\":\"1990-01-01\"}}";
                HttpResponse<String> submitted = untilFinal("clerk-a", "/api/v1/cases", body);
                if (submitted == null || submitted.statusCode() != 201) {
                    return;
                }
                JsonNode ids = JSON.readTree(submitted.body());
                UUID caseId = UUID.fromString(ids.path("caseId").asText());
                cases.put(caseId, UUID.fromString(ids.path("cardholderId").asText()));
                acknowledgedSteps.put(caseId, new AtomicInteger());
                acknowledged.incrementAndGet();
                for (String step : STEPS) {
                    String stepBody = "review".equals(step)
                            ? "{\"documents\":[{\"type\":\"CONSULAR_ID\"},{\"type\":\"SHELTER_LETTER\"}]}" : "{}";
                    HttpResponse<String> moved = untilFinal("approve".equals(step) ? "supervisor" : "clerk-a",
                            "/api/v1/cases/" + caseId + "/" + step, stepBody);
                    if (moved == null || moved.statusCode() != 200) {
                        return;
                    }
                    acknowledgedSteps.get(caseId).incrementAndGet();
                    acknowledged.incrementAndGet();
                }
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            failures.add("client stopped: " + e);
        }
    }

    /**
     * Sends the request with one key until the answer is final. In doubt (no answer, 5xx, 409 in flight): the same
     * request with the same key again. 404 right after an earlier step: the case view has not caught up (the commands
     * that read it are issue 16's read-your-writes half), so that is retried too, within a minute.
     */
    private HttpResponse<String> untilFinal(String user, String path, String body) throws InterruptedException {
        String key = UUID.randomUUID().toString();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> answer;
            try {
                answer = http.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                                .timeout(Duration.ofSeconds(10))
                                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                                        (user + ":test-password").getBytes(StandardCharsets.UTF_8)))
                                .header("Content-Type", "application/json")
                                .header("Idempotency-Key", key)
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (IOException noAnswer) {
                inDoubt.incrementAndGet();
                Thread.sleep(100);
                continue;
            }
            int status = answer.statusCode();
            if (status >= 200 && status < 300) {
                if ("true".equals(answer.headers().firstValue("Idempotent-Replayed").orElse(null))) {
                    replayed.incrementAndGet();
                }
                return answer;
            }
            if (status >= 500 || (status == 409 && answer.body().contains("idempotency-key-in-flight"))) {
                inDoubt.incrementAndGet();
                Thread.sleep(100);
                continue;
            }
            if (status == 404) {
                notYetVisible.incrementAndGet();
                Thread.sleep(100);
                continue;
            }
            failures.add(path.replaceAll("[0-9a-f-]{36}", "{id}") + " answered " + status + ": " + answer.body());
            return null;
        }
        failures.add(path.replaceAll("[0-9a-f-]{36}", "{id}") + " had no final answer within 90 s");
        return null;
    }

    private void awaitUp(Process child, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(child.isAlive()).as("the service exited; see %s", log).isTrue();
            try {
                http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/health")).timeout(Duration.ofSeconds(2))
                        .GET().build(), HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("the service did not start within 2 minutes; see " + log);
    }

    private long submittedCases() {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE payloadtype LIKE '%.CaseSubmitted'",
                Long.class);
    }

    private Process startChild(int port, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), ServiceChild.class.getName(),
                "--spring.datasource.url=" + environment.getProperty("spring.datasource.url"),
                "--spring.datasource.username=" + environment.getProperty("spring.datasource.username"),
                "--spring.datasource.password=" + environment.getProperty("spring.datasource.password", ""),
                "--mincard.security.demo.allow-with-external-database=true", "--server.port=" + port));
        TestKeys.sameAs(environment).forEach(setting -> command.add("--" + setting));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }
}
