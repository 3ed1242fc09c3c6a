package org.mincard.application.retention;

import org.junit.jupiter.api.Test;
import org.mincard.application.retention.manifest.ManifestSigner;
import org.mincard.application.retention.sweep.SweepState;
import org.mincard.application.retention.sweep.Sweeps;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Kill and restart in the middle of a sweep: a child JVM runs the service on this test's database and sweeps 10,000
 * due items; it is killed (SIGKILL) after some batches; this context then resumes the same sweep. Every item ends
 * purged exactly once: one event each, contiguous in the sweep's stream, counts and manifest exact.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "mincard.retention.sweep.batch-size=500")
class SweepCrashRecoveryIT {

    private static final int ITEMS = 10_000;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Sweeps sweeps;

    @Autowired
    Clock clock;

    @Autowired
    Environment environment;

    @Autowired
    ManifestSigner signer;

    @Test
    void finishesTheSweepExactlyOnce_whenTheServiceIsKilledMidSweep() throws Exception {
        DueItemsFixture.seed(jdbc, ITEMS, clock.instant());
        Path log = Path.of("target", "sweep-crash-child.log");
        Process child = startChild(log);
        UUID sweepId;
        try {
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(20)).until(() -> {
                assertThat(child.isAlive()).as("child exited early; see %s", log).isTrue();
                List<Integer> purged = jdbc.queryForList(
                        "SELECT purged FROM retention.sweep WHERE state = 'RUNNING'", Integer.class);
                return !purged.isEmpty() && purged.get(0) >= 2_000;
            });
        } finally {
            child.destroyForcibly();
            child.waitFor();
        }
        sweepId = jdbc.queryForObject("SELECT sweep_id FROM retention.sweep", UUID.class);
        int purgedBeforeKill = jdbc.queryForObject("SELECT purged FROM retention.sweep WHERE sweep_id = ?",
                Integer.class, sweepId);
        assertThat(jdbc.queryForObject("SELECT state FROM retention.sweep WHERE sweep_id = ?", String.class, sweepId))
                .isEqualTo("RUNNING");
        assertThat(purgedBeforeKill).isBetween(2_000, ITEMS - 1).matches(n -> n % 500 == 0, "whole batches only");
        assertThat(eventsOf(sweepId)).isEqualTo(purgedBeforeKill);

        Sweeps.SweepStatus finished = sweeps.run(sweepId);

        assertThat(finished.state()).isEqualTo(SweepState.COMPLETED);
        assertThat(finished.total()).isEqualTo(ITEMS);
        assertThat(finished.purged()).isEqualTo(ITEMS);
        assertThat(finished.failed() + finished.held() + finished.noLongerDue()).isZero();
        assertThat(eventsOf(sweepId)).isEqualTo(ITEMS);
        assertThat(jdbc.queryForObject("""
                SELECT count(DISTINCT sequencenumber) = count(*) AND min(sequencenumber) = 0
                       AND max(sequencenumber) = count(*) - 1
                FROM domainevententry WHERE aggregateidentifier = ?""", Boolean.class, sweepId.toString())).isTrue();
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM vault.data_key WHERE wrapped_key IS NOT NULL AND data_class = 'CONTACT'
                """, Integer.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM vault.data_key WHERE purge_sweep_id = ?",
                Integer.class, sweepId)).isEqualTo(ITEMS);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM read_model.case_sealed_field WHERE data_class = 'CONTACT'",
                Integer.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM retention.purge_record WHERE sweep_id = ?",
                Integer.class, sweepId)).isEqualTo(ITEMS);

        Map<String, Object> manifest = jdbc.queryForMap(
                "SELECT manifest, signature FROM retention.manifest WHERE sweep_id = ?", sweepId);
        byte[] bytes = (byte[]) manifest.get("manifest");
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertThat(text).contains("\"counts\":{\"eligible\":10000,\"failed\":0,\"held\":0,\"noLongerDue\":0,"
                + "\"purged\":10000}");
        assertThat(signer.verify(bytes, (byte[]) manifest.get("signature"))).isTrue();
        assertThat(sweeps.plan("ON_DEMAND", "test").total()).as("nothing left to purge").isZero();
    }

    private int eventsOf(UUID sweepId) {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?",
                Integer.class, sweepId.toString());
    }

    private Process startChild(Path log) throws Exception {
        Files.createDirectories(log.getParent());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx384m", "-cp", System.getProperty("java.class.path"),
                SweepCrashChild.class.getName(),
                "--spring.datasource.url=" + environment.getProperty("spring.datasource.url"),
                "--spring.datasource.username=" + environment.getProperty("spring.datasource.username"),
                "--spring.datasource.password=" + environment.getProperty("spring.datasource.password", ""),
                "--mincard.security.demo.allow-with-external-database=true",
                "--mincard.retention.sweep.batch-size=500", "--server.port=0")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
