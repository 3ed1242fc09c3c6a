package org.mincard.application.benchmark;

import org.junit.jupiter.api.Test;
import org.mincard.application.config.ProcessorProgress;
import org.mincard.application.operations.BulkReplay;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The bulk rebuild (one pass over the store, every read model folded in large batches) must leave exactly the read
 * models that live processing left: every table of every rebuilt read model is compared row for row (generated
 * surrogate keys and zeroed counters aside), and the processors then go on live from where the rebuild stopped.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "mincard.test.isolated-context=bulk-replay")
class BulkReplayIT {

    /** Counter rows that reached zero mean "no row" to every reader (ADR 0020); a rebuild need not leave them. */
    private static final Map<String, String> MEANINGFUL_ROWS = Map.of(
            "read_model.queue_depth", "open <> 0 OR unassigned <> 0",
            "read_model.queue_open_day", "open <> 0");
    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };
    private static final List<String> READ_MODELS = List.of("case-view", "work-queue", "annual-figures",
            "retention-schedule");

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ProcessorProgress progress;

    @Autowired
    BulkReplay bulkReplay;

    @Autowired
    TestRestTemplate rest;

    @Test
    void startsOverHttp_reportsProgressUntilDone_andRefusesWhatItCannotRebuild() {
        TestRestTemplate admin = rest.withBasicAuth("admin", "test-password");
        ResponseEntity<Map<String, Object>> started = admin.exchange("/api/v1/admin/replays/bulk", HttpMethod.POST,
                new HttpEntity<>(Map.of("processingGroups", List.of("case-view", "work-queue"))), JSON);

        assertThat(started.getStatusCode().value()).isEqualTo(202);
        assertThat(started.getBody()).containsEntry("processingGroups", List.of("case-view", "work-queue"));
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> assertThat(admin.exchange(
                started.getHeaders().getLocation(), HttpMethod.GET, null, JSON).getBody())
                .containsEntry("done", true).containsEntry("running", false).doesNotContainKey("error"));
        awaitCaughtUp();

        ResponseEntity<Map<String, Object>> unknown = admin.exchange("/api/v1/admin/replays/bulk", HttpMethod.POST,
                new HttpEntity<>(Map.of("processingGroups", List.of("case-lookup"))), JSON);
        assertThat(unknown.getStatusCode().value()).as("a subscribing lookup is not a read model").isEqualTo(422);
        ResponseEntity<Map<String, Object>> empty = admin.exchange("/api/v1/admin/replays/bulk", HttpMethod.POST,
                new HttpEntity<>(Map.of("processingGroups", List.of())), JSON);
        assertThat(empty.getStatusCode().value()).isEqualTo(400);
        ResponseEntity<Map<String, Object>> clerk = rest.withBasicAuth("clerk-a", "test-password").exchange(
                "/api/v1/admin/replays/bulk", HttpMethod.POST,
                new HttpEntity<>(Map.of("processingGroups", List.of("case-view"))), JSON);
        assertThat(clerk.getStatusCode().value()).isEqualTo(403);
    }

    @Test
    void rebuildsEveryReadModelAsLiveProcessingLeftIt_andGoesOnLive() throws Exception {
        CityLoader loader = new CityLoader(context, Benchmark.SITES);
        jdbc.update("DELETE FROM bench.city_chunk");
        assertThat(loader.load(400, 2).failures()).isZero();
        awaitCaughtUp();
        Map<String, String> live = snapshot();
        long events = jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class);
        assertThat(events).as("more than one batch").isGreaterThan(BulkReplay.BATCH);

        BulkReplay.Result result = bulkReplay.rebuild(READ_MODELS, "test");
        awaitCaughtUp();

        assertThat(result.events()).isEqualTo(events);
        assertThat(snapshot()).isEqualTo(live);
        long casesBefore = jdbc.queryForObject("SELECT count(*) FROM read_model.case_view", Long.class);
        jdbc.update("DELETE FROM bench.city_chunk");
        System.setProperty("bench.load-path", "commands");
        try {
            new CityLoader(context, Benchmark.SITES).load(3, 1);
        } finally {
            System.clearProperty("bench.load-path");
        }
        awaitCaughtUp();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM read_model.case_view", Long.class))
                .as("the processors go on live after the rebuild").isGreaterThan(casesBefore);
    }

    @Test
    void refusesWhileAnotherNodeHoldsASegment_andLeavesTheReadModelAsItWas() {
        awaitCaughtUp();
        String before = snapshot().get("read_model.annual_figure");
        // Another node's live claim (its timestamp ahead, so it stays live through the wait): it never releases.
        jdbc.update("UPDATE tokenentry SET owner = 'other-node@elsewhere', timestamp = ? WHERE processorname ="
                + " 'annual-figures' AND segment = 0", Instant.now().plus(Duration.ofMinutes(10)).toString());
        try {
            BulkReplay.Status started = bulkReplay.start(List.of("annual-figures"), "test");
            await().atMost(Duration.ofSeconds(60)).until(() -> !bulkReplay.status(started.rebuildId()).orElseThrow()
                    .running());

            assertThat(bulkReplay.status(started.rebuildId()).orElseThrow())
                    .extracting(BulkReplay.Status::done, BulkReplay.Status::error).containsExactly(false,
                            "NotReplayable");
            assertThat(snapshot().get("read_model.annual_figure")).as("nothing reset, nothing folded")
                    .isEqualTo(before);
        } finally {
            jdbc.update("UPDATE tokenentry SET owner = NULL WHERE processorname = 'annual-figures' AND segment = 0"
                    + " AND owner = 'other-node@elsewhere'");
        }
        awaitCaughtUp();
    }

    private void awaitCaughtUp() {
        for (String processor : READ_MODELS) {
            assertThat(progress.awaitCaughtUp(processor, Duration.ofSeconds(120))).as(processor).isTrue();
        }
    }

    /** A digest of every read-model table's rows, without columns filled from sequences. */
    private Map<String, String> snapshot() {
        Map<String, String> digests = new TreeMap<>();
        List<Map<String, Object>> tables = jdbc.queryForList("""
                SELECT table_schema, table_name FROM information_schema.tables
                WHERE table_type = 'BASE TABLE' AND (table_schema = 'read_model'
                   OR table_schema = 'retention' AND table_name LIKE 'schedule\\_%')""");
        for (Map<String, Object> table : tables) {
            String name = table.get("table_schema") + "." + table.get("table_name");
            List<String> columns = jdbc.queryForList("""
                    SELECT quote_ident(column_name) FROM information_schema.columns
                    WHERE table_schema = ? AND table_name = ? AND is_identity = 'NO'
                      AND coalesce(column_default, '') NOT LIKE 'nextval(%'
                    ORDER BY ordinal_position""", String.class, table.get("table_schema"), table.get("table_name"));
            String row = "ROW(" + String.join(", ", columns) + ")::text";
            digests.put(name, jdbc.queryForObject("SELECT count(*) || ':' || md5(coalesce(string_agg(" + row
                    + ", '|' ORDER BY " + row + "), '')) FROM " + name + " WHERE "
                    + MEANINGFUL_ROWS.getOrDefault(name, "true"), String.class));
        }
        return digests;
    }
}
