package org.mincard.application.oversight;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every replica's checkpoint cron fires at the same minute; the checkpoint lock lets one of them sign (deploy/k8s
 * runs N replicas and no CronJob, ADR 0024). Two firings within the lock's 30 s give one checkpoint.
 */
@OversightTest
class CheckpointScheduleIT {

    @Autowired
    Checkpoints checkpoints;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void signsOncePerFiring_whenSeveralNodesFireTogether() {
        long before = count();

        checkpoints.onSchedule();
        checkpoints.onSchedule();

        assertThat(count() - before).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit.checkpoint_lock WHERE name = 'checkpoints'"
                + " AND lock_until > timezone('utc', now())", Long.class)).isEqualTo(1);
    }

    private long count() {
        return jdbc.queryForObject("SELECT count(*) FROM audit.checkpoint", Long.class);
    }
}
