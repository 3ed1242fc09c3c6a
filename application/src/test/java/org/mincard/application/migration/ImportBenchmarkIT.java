package org.mincard.application.migration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Opt-in throughput of the cardholder import ({@code -Dmincard.benchmark=true}; {@code -Dmincard.benchmark.rows=N},
 * default 50,000): synthetic rows over ten sites, every one with a card record and a contact (two per-person keys),
 * through {@link CardholderImport} as the operations command runs it. Prints cardholders/s, and how long the work
 * queue then takes to show them all (the processors catching up). Asserts only correctness, never time. The test
 * database runs with fsync off (ephemeral embedded PostgreSQL); docs/performance.md says which figures come from it.
 */
@EnabledIfSystemProperty(named = "mincard.benchmark", matches = "true")
@SpringBootTest
class ImportBenchmarkIT {

    private static final int ROWS = Integer.getInteger("mincard.benchmark.rows", 50_000);

    @Autowired
    CardholderImport cardholderImport;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void importsEveryRow() throws Exception {
        List<UUID> sites = new Random(7).ints(10).mapToObj(i -> new UUID(0xbe0c4L << 40 | i, i)).toList();
        String csv = SyntheticCardholders.csv(ROWS, sites, "B-" + UUID.randomUUID().toString().substring(0, 8), true);
        long queueBefore = queued();

        long start = System.nanoTime();
        ImportReport report = cardholderImport.run(new StringReader(csv), ROWS);
        double importSeconds = (System.nanoTime() - start) / 1e9;
        await().atMost(Duration.ofHours(1)).pollInterval(Duration.ofMillis(200))
                .until(() -> queued() - queueBefore >= ROWS);
        double visibleSeconds = (System.nanoTime() - start) / 1e9;

        System.out.printf(Locale.ROOT, "%nImport benchmark, %,d cardholders (2 keys each): %.1f s, %,.0f cardholders/s;"
                        + " all in the work queue after %.1f s (%,.0f /s end to end)%n%n", ROWS, importSeconds,
                ROWS / importSeconds, visibleSeconds, ROWS / visibleSeconds);
        assertThat(report.imported()).isEqualTo(ROWS);
        assertThat(report.refused()).isZero();
    }

    private long queued() {
        return jdbc.queryForObject("SELECT count(*) FROM read_model.work_queue_item WHERE queue = 'INTAKE'",
                Long.class);
    }
}
