package org.mincard.application.retention;

import org.junit.jupiter.api.Test;
import org.mincard.application.retention.sweep.SweepState;
import org.mincard.application.retention.sweep.Sweeps;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One item whose purge fails (a purge listener refuses its cardholder) does not stop the sweep: its batch is retried
 * item by item, the others are purged, the failing item is recorded as FAILED with its key intact, counted and
 * listed in the signed manifest, and the next sweep plans it again.
 */
@SpringBootTest(properties = "mincard.retention.sweep.batch-size=10")
class SweepFailedItemIT {

    static final AtomicReference<UUID> REFUSED = new AtomicReference<>();

    @TestConfiguration
    static class RefusingListener {

        @Bean
        PurgeListener refusesOneCardholder() {
            return items -> {
                if (items.stream().map(PurgedItem::cardholderId).anyMatch(id -> id.equals(REFUSED.get()))) {
                    throw new IllegalStateException("refused by the test");
                }
            };
        }
    }

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Sweeps sweeps;

    @Autowired
    Clock clock;

    @Test
    void recordsTheItemAsFailed_andPurgesTheRest_whenOneItemsPurgeFails() {
        DueItemsFixture.seed(jdbc, 25, clock.instant());
        List<UUID> holders = jdbc.queryForList(
                "SELECT cardholder_id FROM retention.schedule_item ORDER BY due_at, cardholder_id", UUID.class);
        UUID refused = holders.get(13);
        REFUSED.set(refused);

        Sweeps.SweepStatus first = sweeps.sweepNow("ON_DEMAND", "test");

        assertThat(first.state()).isEqualTo(SweepState.COMPLETED);
        assertThat(first.total()).isEqualTo(25);
        assertThat(first.purged()).isEqualTo(24);
        assertThat(first.failed()).isEqualTo(1);
        assertThat(jdbc.queryForObject("""
                SELECT state FROM retention.sweep_item WHERE sweep_id = ? AND cardholder_id = ?""", String.class,
                first.sweepId(), refused)).isEqualTo("FAILED");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM vault.data_key WHERE wrapped_key IS NOT NULL",
                Integer.class)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT subject_id FROM vault.data_key WHERE wrapped_key IS NOT NULL",
                UUID.class)).isEqualTo(refused);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?",
                Integer.class, first.sweepId().toString())).isEqualTo(24);
        String manifest = new String(jdbc.queryForObject("SELECT manifest FROM retention.manifest WHERE sweep_id = ?",
                byte[].class, first.sweepId()), StandardCharsets.UTF_8);
        assertThat(manifest).contains("\"counts\":{\"eligible\":25,\"failed\":1,\"held\":0,\"noLongerDue\":0,"
                + "\"purged\":24}").contains("\"failed\":[{\"dataClass\":\"CONTACT\"")
                .contains("\"subjectId\":\"" + refused + "\"");

        REFUSED.set(null);
        Sweeps.SweepStatus second = sweeps.sweepNow("ON_DEMAND", "test");

        assertThat(second.total()).isEqualTo(1);
        assertThat(second.purged()).isEqualTo(1);
        assertThat(second.failed()).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM vault.data_key WHERE wrapped_key IS NOT NULL",
                Integer.class)).isZero();
    }
}
