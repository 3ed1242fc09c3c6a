package org.mincard.application.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.mincard.application.config.TestKeys;
import org.mincard.application.retries.ServiceChild;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two service instances on one PostgreSQL (issue 19, ADR 0023): this test's context is node A, a child JVM is node B.
 * Under load (cases submitted over HTTP to both), every pooled processor's four segments split two and two, and a
 * replay started on A while B holds half the segments, and while both keep taking cases, is done once both nodes
 * have passed the head it started from. B is
 * killed with SIGKILL: within 30 s A holds every segment and the read models show every case either node
 * acknowledged. Then A's case-view is stalled (its token rows locked by another transaction, as a stuck database
 * session would): A's processors health goes DOWN, and comes back UP, caught up, once the lock is gone.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "mincard.processors.node-id=node-a",
        "mincard.processors.unclaimed-threshold=PT3S",
        "mincard.processors.max-lag-events=20"})
class SharedSegmentsIT {

    private static final String SITE_A = "a0000000-0000-4000-8000-00000000000a";
    private static final Set<String> POOLED = Set.of("case-view", "work-queue", "annual-figures",
            "retention-schedule");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    Environment environment;

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<UUID> acknowledged = new CopyOnWriteArrayList<>();

    @Test
    void sharesSegments_takesOverADeadNode_andReportsAStalledNode() throws Exception {
        String nodeA = "http://localhost:" + port;
        int portB;
        try (ServerSocket socket = new ServerSocket(0)) {
            portB = socket.getLocalPort();
        }
        String nodeB = "http://localhost:" + portB;
        Path log = Path.of("target", "shared-segments-node-b.log");
        Files.createDirectories(log.getParent());
        Files.deleteIfExists(log);
        Process childB = startChild(portB, log);
        AtomicBoolean loading = new AtomicBoolean(true);
        List<Thread> clients = new ArrayList<>();
        try {
            awaitUp(childB, nodeB, log);
            for (String node : List.of(nodeA, nodeB, nodeA, nodeB)) {
                Thread client = new Thread(() -> submitWhile(loading, node), "client-" + node);
                client.start();
                clients.add(client);
            }

            await("each pooled processor's segments split 2 + 2 between the nodes, under load")
                    .atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> {
                        assertThat(owners()).as("owners per processor, see %s", log).hasSize(POOLED.size())
                                .allSatisfy((processor, owners) -> assertThat(owners)
                                        .containsOnly(Map.entry("node-a", 2L), Map.entry("node-b", 2L)));
                    });
            // The start waits until node B has released its segments (its next claim round; at most 20 s).
            HttpResponse<String> replay = http.send(request(nodeA, "admin", "/api/v1/admin/replays")
                    .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"processingGroup\":\"work-queue\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(replay.statusCode()).as("a replay while node B holds half the segments: %s", replay.body())
                    .isEqualTo(202);
            String progress = replay.headers().firstValue("Location").orElseThrow();
            await("the replay of work-queue, shared by both nodes, is done").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500)).untilAsserted(() -> assertThat(JSON.readTree(
                            get(nodeA, "admin", progress).body()).path("done").asBoolean()).isTrue());
            int beforeKill = acknowledged.size();
            await().atMost(Duration.ofSeconds(20)).until(() -> acknowledged.size() >= beforeKill + 4);

            childB.destroyForcibly(); // SIGKILL: no claim released, no membership left
            childB.waitFor();
            long killed = System.nanoTime();
            Thread.sleep(2000); // node A goes on taking cases for a moment after B's death
            loading.set(false);
            for (Thread client : clients) {
                client.join(Duration.ofSeconds(30).toMillis());
            }
            assertThat(acknowledged).as("cases acknowledged by the two nodes").hasSizeGreaterThan(8);

            await("node A holds every segment and the read models show every acknowledged case")
                    .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> {
                        assertThat(owners()).allSatisfy((processor, owners) -> assertThat(owners)
                                .as(processor).containsOnly(Map.entry("node-a", 4L)));
                        for (UUID caseId : acknowledged) {
                            assertThat(get(nodeA, "clerk-a", "/api/v1/cases/" + caseId).statusCode())
                                    .as("case %s in node A's case view", caseId).isEqualTo(200);
                        }
                    });
            System.out.printf("shared segments: %d cases acknowledged; B's segments taken over and read models "
                    + "caught up %.1f s after the kill%n", acknowledged.size(), (System.nanoTime() - killed) / 1e9);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(processorsHealth(nodeA).path("status").asText()).isEqualTo("UP"));

            try (Connection stall = dataSource.getConnection()) {
                stall.setAutoCommit(false);
                try (Statement statement = stall.createStatement()) {
                    statement.execute("SET LOCAL lock_timeout = 0");
                    statement.executeQuery("SELECT segment FROM tokenentry WHERE processorname = 'case-view' "
                            + "FOR UPDATE").close();
                }
                List<UUID> duringStall = new ArrayList<>();
                for (int i = 0; i < 25; i++) {
                    duringStall.add(submit(nodeA));
                }
                await("node A's processors health DOWN while case-view is stalled")
                        .atMost(Duration.ofSeconds(25)).pollInterval(Duration.ofMillis(500))
                        .untilAsserted(() -> {
                            JsonNode health = processorsHealth(nodeA);
                            assertThat(health.path("status").asText()).as(health.toString()).isEqualTo("DOWN");
                            assertThat(health.path("details").path("case-view").path("problem").asText())
                                    .as(health.toString()).isNotBlank();
                        });
                stall.rollback();
                acknowledged.addAll(duringStall);
            }
            await("node A recovers: UP, every case in its case view")
                    .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> {
                        assertThat(processorsHealth(nodeA).path("status").asText()).isEqualTo("UP");
                        for (UUID caseId : acknowledged) {
                            assertThat(get(nodeA, "clerk-a", "/api/v1/cases/" + caseId).statusCode())
                                    .as("case %s", caseId).isEqualTo(200);
                        }
                    });
        } finally {
            loading.set(false);
            childB.destroyForcibly();
            childB.waitFor();
        }
    }

    /** Per pooled processor: how many of its segments each node holds (a claim counts while it is fresh). */
    private Map<String, Map<String, Long>> owners() {
        Map<String, Map<String, Long>> owners = new TreeMap<>();
        for (Map<String, Object> row : jdbc.queryForList("""
                SELECT processorname, owner, count(*) AS segments FROM tokenentry
                WHERE owner IS NOT NULL AND timestamp::timestamptz > now() - interval '10 seconds'
                GROUP BY processorname, owner""")) {
            String processor = (String) row.get("processorname");
            if (POOLED.contains(processor)) {
                owners.computeIfAbsent(processor, p -> new TreeMap<>())
                        .put((String) row.get("owner"), ((Number) row.get("segments")).longValue());
            }
        }
        return owners;
    }

    private void submitWhile(AtomicBoolean loading, String node) {
        while (loading.get()) {
            try {
                acknowledged.add(submit(node));
            } catch (IOException | RuntimeException refused) {
                return; // node B was killed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private UUID submit(String node) throws IOException, InterruptedException {
        String body = "{\"type\":\"NEW\",\"siteId\":\"" + SITE_A + "\",\"applicant\":{\"legalName\":"
                + "\"Shared Segments\",\"dateOfBirth\":\"1990-01-01\"}}";
        HttpResponse<String> answer = http.send(request(node, "clerk-a", "/api/v1/cases")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 201) {
            throw new IllegalStateException("submission answered " + answer.statusCode() + ": " + answer.body());
        }
        return UUID.fromString(JSON.readTree(answer.body()).path("caseId").asText());
    }

    private JsonNode processorsHealth(String node) throws IOException, InterruptedException {
        return JSON.readTree(get(node, "admin", "/actuator/health/eventProcessors").body());
    }

    private HttpResponse<String> get(String node, String user, String path) throws IOException, InterruptedException {
        return http.send(request(node, user, path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(String node, String user, String path) {
        return HttpRequest.newBuilder(URI.create(node + path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (user + ":test-password").getBytes(StandardCharsets.UTF_8)));
    }

    private void awaitUp(Process child, String node, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(child.isAlive()).as("node B exited; see %s", log).isTrue();
            try {
                http.send(HttpRequest.newBuilder(URI.create(node + "/actuator/health")).timeout(Duration.ofSeconds(2))
                        .GET().build(), HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError("node B did not start within 2 minutes; see " + log);
    }

    private Process startChild(int port, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), ServiceChild.class.getName(),
                "--spring.datasource.url=" + environment.getProperty("spring.datasource.url"),
                "--spring.datasource.username=" + environment.getProperty("spring.datasource.username"),
                "--spring.datasource.password=" + environment.getProperty("spring.datasource.password", ""),
                "--mincard.security.demo.allow-with-external-database=true", "--server.port=" + port,
                "--mincard.processors.node-id=node-b", "--mincard.processors.unclaimed-threshold=PT3S"));
        TestKeys.sameAs(environment).forEach(setting -> command.add("--" + setting));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }
}
