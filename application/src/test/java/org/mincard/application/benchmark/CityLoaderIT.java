package org.mincard.application.benchmark;

import org.junit.jupiter.api.Test;
import org.mincard.application.config.ProcessorProgress;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark's bulk city load (commands run in memory on new aggregates, a chunk's events published through the
 * event store in one transaction) must leave the same city as the command gateway path: the same events by type, the
 * same cases by state in the read model, the same cards by status and case lookups in the command-side lookups. The
 * outcomes are drawn per cardholder index, so loading the same indices on both paths must give equal counts.
 */
@SpringBootTest(properties = "mincard.test.isolated-context=city-loader")
class CityLoaderIT {

    private static final int CARDHOLDERS = 100;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ProcessorProgress progress;

    @Test
    void bulkPathLeavesTheSameCity_asTheCommandGateway() throws Exception {
        Map<String, Map<String, Long>> throughCommands = load("commands");
        Map<String, Map<String, Long>> inBulk = load("bulk");

        assertThat(throughCommands.get("events").values().stream().mapToLong(Long::longValue).sum())
                .as("the command path stored the city").isGreaterThan(CARDHOLDERS * 4L);
        assertThat(inBulk).isEqualTo(throughCommands);
    }

    /** Loads the city on one path and answers what it added, by kind (differences of counts). */
    private Map<String, Map<String, Long>> load(String path) throws InterruptedException {
        Map<String, Map<String, Long>> before = counts();
        String previous = System.setProperty("bench.load-path", path);
        try {
            CityLoader loader = new CityLoader(context, Benchmark.SITES);
            jdbc.update("DELETE FROM bench.city_chunk");
            CityLoader.Loaded loaded = loader.load(CARDHOLDERS, 2);
            assertThat(loaded.failures()).as(path).isZero();
        } finally {
            if (previous == null) {
                System.clearProperty("bench.load-path");
            } else {
                System.setProperty("bench.load-path", previous);
            }
        }
        for (String processor : new String[] {"case-view", "work-queue"}) {
            assertThat(progress.awaitCaughtUp(processor, Duration.ofSeconds(90))).as(processor).isTrue();
        }
        Map<String, Map<String, Long>> after = counts();
        Map<String, Map<String, Long>> added = new HashMap<>();
        after.forEach((kind, values) -> {
            Map<String, Long> difference = new HashMap<>();
            values.forEach((key, count) -> {
                long delta = count - before.get(kind).getOrDefault(key, 0L);
                if (delta != 0) {
                    difference.put(key, delta);
                }
            });
            added.put(kind, difference);
        });
        return added;
    }

    private Map<String, Map<String, Long>> counts() {
        Map<String, Map<String, Long>> counts = new HashMap<>();
        counts.put("events", group("SELECT payloadtype, count(*) FROM domainevententry GROUP BY payloadtype"));
        counts.put("cases", group("SELECT state, count(*) FROM read_model.case_view GROUP BY state"));
        counts.put("cards", group("SELECT status, count(*) FROM lookup.card GROUP BY status"));
        counts.put("case lookups", group("SELECT case_type, count(*) FROM lookup.case_file GROUP BY case_type"));
        counts.put("card numbers", group("SELECT (number_index IS NOT NULL)::text, count(*) FROM lookup.card"
                + " GROUP BY 1"));
        return counts;
    }

    private Map<String, Long> group(String sql) {
        Map<String, Long> counts = new HashMap<>();
        jdbc.query(sql, row -> {
            counts.put(row.getString(1), row.getLong(2));
        });
        return counts;
    }
}
