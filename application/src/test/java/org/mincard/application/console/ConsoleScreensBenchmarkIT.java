package org.mincard.application.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.mincard.application.migration.CardholderImport;
import org.mincard.application.migration.ImportReport;
import org.mincard.application.migration.SyntheticCardholders;
import org.mincard.application.security.ActingAs;
import org.mincard.domain.casefile.AssignCase;
import org.mincard.domain.casefile.CheckInApplicant;
import org.mincard.domain.shared.Actor;
import org.mincard.domain.shared.Role;
import org.mincard.projections.workqueue.ListMyWork;
import org.mincard.projections.workqueue.ListQueueItems;
import org.mincard.projections.workqueue.MyWork;
import org.mincard.projections.workqueue.QueuePage;
import org.mincard.projections.workqueue.WorkQueue;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Opt-in ({@code -Dmincard.benchmark=true}): the console's four busiest screens at city scale. Loads
 * {@code mincard.benchmark.cardholders} (default 100,000) cardholders over ten sites through the bulk import
 * ({@link CardholderImport}, ADR 0021; an HTTP load would take hours here), moves a slice of site A along (check-ins,
 * assignments to the demo clerks) through the command gateway, waits for the read models, then times My work, the
 * intake queue page, a case page and the supervisor dashboard over HTTP with a signed-in console session, one request
 * at a time. The time is the client's round trip on localhost (the server's time plus a loopback hop), p50/p95/max
 * over {@code mincard.benchmark.requests} requests per screen after a warm-up. Writes
 * {@code target/bench/console-screens.json} with the machine's load average. Asserts only that every screen
 * answered 200, never a time.
 */
@EnabledIfSystemProperty(named = "mincard.benchmark", matches = "true")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "mincard.test.isolated-context=console-screens-benchmark")
class ConsoleScreensBenchmarkIT {

    private static final int CARDHOLDERS = Integer.getInteger("mincard.benchmark.cardholders", 100_000);
    private static final int REQUESTS = Integer.getInteger("mincard.benchmark.requests", 200);
    private static final int WARM_UP = 30;
    private static final UUID SITE_A = UUID.fromString("a0000000-0000-4000-8000-00000000000a");
    private static final UUID SITE_B = UUID.fromString("b0000000-0000-4000-8000-00000000000b");
    private static final Actor CLERK_A = new Actor("d0000000-0000-4000-8000-000000000001", Role.CLERK, Set.of(SITE_A),
            false);
    private static final Actor SUPERVISOR = new Actor("d0000000-0000-4000-8000-000000000003", Role.SUPERVISOR,
            Set.of(SITE_A, SITE_B), false);

    @LocalServerPort
    int port;

    @Autowired
    CardholderImport cardholderImport;

    @Autowired
    CommandGateway commands;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    QueryGateway queries;

    @Autowired
    Clock clock;

    @Test
    void timesTheFourScreens() throws Exception {
        List<UUID> sites = new ArrayList<>(List.of(SITE_A, SITE_B));
        for (int i = 0; i < 8; i++) {
            sites.add(new UUID(0xbe0c4L << 40 | i, i));
        }
        double loadSeconds = load(sites);
        List<UUID> siteACases = jdbc.queryForList("""
                SELECT case_id FROM read_model.work_queue_item WHERE site_id = ? AND queue = 'INTAKE'
                ORDER BY case_id LIMIT 2400""", UUID.class, SITE_A);
        long moveStart = System.nanoTime();
        for (int i = 0; i < siteACases.size(); i++) {
            UUID caseId = siteACases.get(i);
            Instant at = clock.instant();
            if (i % 3 == 0) {
                ActingAs.actor(CLERK_A, () -> commands.sendAndWait(new CheckInApplicant(caseId, at)));
            }
            if (i % 60 == 0) {
                ActingAs.actor(SUPERVISOR, () -> commands.sendAndWait(new AssignCase(caseId, CLERK_A.userId(), at)));
            }
        }
        double moveSeconds = (System.nanoTime() - moveStart) / 1e9;
        await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofSeconds(1)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM read_model.work_queue_item WHERE site_id = ? AND queue = 'DOCUMENT_REVIEW'",
                Long.class, SITE_A) >= siteACases.size() / 3);
        await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofSeconds(1)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM read_model.case_view", Long.class) >= CARDHOLDERS);
        List<UUID> sample = jdbc.queryForList("""
                SELECT case_id FROM read_model.work_queue_item WHERE site_id = ? ORDER BY case_id LIMIT 1000""",
                UUID.class, SITE_A);

        ConsoleSession clerk = new ConsoleSession(port);
        ConsoleSession supervisor = new ConsoleSession(port);
        assertThat(clerk.signIn("clerk-a", ConsoleSecurityIT.PASSWORD).statusCode()).isEqualTo(302);
        assertThat(supervisor.signIn("supervisor", ConsoleSecurityIT.PASSWORD).statusCode()).isEqualTo(302);
        Random random = new Random(11);
        Map<String, Object> screens = new LinkedHashMap<>();
        screens.put("my_work", time(() -> clerk.get("/console/my-work")));
        screens.put("queue_page", time(() -> clerk.get("/console/queues/intake")));
        screens.put("case_page", time(() -> clerk.get("/console/cases/" + sample.get(random.nextInt(sample.size())))));
        screens.put("dashboard", time(() -> supervisor.get("/console/dashboard")));
        Map<String, Object> reads = new LinkedHashMap<>();
        reads.put("my_work_one_statement", timeRead(() -> queries.query(new ListMyWork(Set.of(SITE_A),
                CLERK_A.userId(), MyWorkController.MINE_PER_QUEUE, MyWorkController.UNASSIGNED_SHOWN,
                clock.instant()), ResponseTypes.instanceOf(MyWork.class)).join()));
        reads.put("my_work_two_queries_per_queue", timeRead(() -> {
            for (WorkQueue queue : WorkQueue.values()) {
                queries.query(new ListQueueItems(queue, Set.of(SITE_A), CLERK_A.userId(), false, null, null, null,
                        null, null, MyWorkController.MINE_PER_QUEUE, clock.instant()),
                        ResponseTypes.instanceOf(QueuePage.class)).join();
                queries.query(new ListQueueItems(queue, Set.of(SITE_A), null, true, null, null, null, null, null,
                        MyWorkController.UNASSIGNED_SHOWN, clock.instant()),
                        ResponseTypes.instanceOf(QueuePage.class)).join();
            }
            return null;
        }));

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("benchmark", "console-screens");
        result.put("measuredAt", Instant.now().toString());
        result.put("cardholders", CARDHOLDERS);
        result.put("sites", sites.size());
        result.put("openCasesAtSiteA", jdbc.queryForObject(
                "SELECT count(*) FROM read_model.work_queue_item WHERE site_id = ? AND queue IS NOT NULL", Long.class,
                SITE_A));
        result.put("importSeconds", round(loadSeconds));
        result.put("moveCommandsSeconds", round(moveSeconds));
        result.put("requestsPerScreen", REQUESTS);
        result.put("method", "sequential HTTP GETs over a signed-in console session on localhost; client round trip");
        result.put("targetP95Millis", 100);
        result.put("screens", screens);
        result.put("myWorkReadsInProcess", reads);
        result.put("machine", machine());
        Path output = Path.of(System.getProperty("mincard.benchmark.output", "target/bench/console-screens.json"));
        Files.createDirectories(output.toAbsolutePath().getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(output.toFile(), result);
        System.out.printf(Locale.ROOT, "%nConsole screens at %,d cardholders: %s%n(import %.0f s; written to %s)%n%n",
                CARDHOLDERS, screens, loadSeconds, output.toAbsolutePath());
    }

    private double load(List<UUID> sites) throws InterruptedException {
        String csv = SyntheticCardholders.csv(CARDHOLDERS, sites,
                "C-" + UUID.randomUUID().toString().substring(0, 8), false);
        long start = System.nanoTime();
        ImportReport report = cardholderImport.run(new StringReader(csv), CARDHOLDERS);
        assertThat(report.imported()).isEqualTo(CARDHOLDERS);
        await().atMost(Duration.ofHours(1)).pollInterval(Duration.ofSeconds(1)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM read_model.work_queue_item", Long.class) >= CARDHOLDERS);
        return (System.nanoTime() - start) / 1e9;
    }

    private static Map<String, Object> time(Supplier<HttpResponse<String>> screen) {
        return time(screen, true);
    }

    private static Map<String, Object> time(Supplier<HttpResponse<String>> screen, boolean http) {
        for (int i = 0; i < WARM_UP; i++) {
            HttpResponse<String> answer = screen.get();
            assertThat(!http || answer.statusCode() == 200).isTrue();
        }
        double[] millis = new double[REQUESTS];
        for (int i = 0; i < REQUESTS; i++) {
            long start = System.nanoTime();
            HttpResponse<String> answer = screen.get();
            millis[i] = (System.nanoTime() - start) / 1e6;
            assertThat(!http || answer.statusCode() == 200).isTrue();
        }
        Arrays.sort(millis);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("p50Millis", round(millis[(int) Math.ceil(0.50 * REQUESTS) - 1]));
        figures.put("p95Millis", round(millis[(int) Math.ceil(0.95 * REQUESTS) - 1]));
        figures.put("maxMillis", round(millis[REQUESTS - 1]));
        return figures;
    }

    /** The same percentiles for a read through the query bus in this JVM: no HTTP, no rendering. */
    private static Map<String, Object> timeRead(Supplier<Object> read) {
        return time(() -> {
            read.get();
            return null;
        }, false);
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static Map<String, Object> machine() throws IOException {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("loadAverage1m", round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        Path loadavg = Path.of("/proc/loadavg");
        if (Files.isReadable(loadavg)) {
            machine.put("procLoadavg", Files.readString(loadavg).strip());
        }
        machine.put("java", System.getProperty("java.version"));
        machine.put("database", "embedded PostgreSQL 15 of the tests (fsync off)");
        return machine;
    }
}
