package org.mincard.application.retention.sweep;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.mincard.application.retention.policy.RetentionProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scheduled sweeps on a shared database: two schedulers that fire together run one sweep, a scheduler finds the lock
 * held by another node and leaves the sweep to it, and the health details and gauges show the schedule, the next run
 * and the last run. (The cron fires once a year here, so the test drives the schedulers itself.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "mincard.retention.sweep.scheduled=true",
        "mincard.retention.sweep.cron=0 0 3 1 1 *"})
class RetentionScheduleIT {

    @Autowired
    Sweeps sweeps;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    RetentionProperties properties;

    @Autowired
    Clock clock;

    @Autowired
    SweepSchedule schedule;

    @Autowired
    SweepScheduleTrigger trigger;

    @Autowired
    TestRestTemplate rest;

    private SweepSchedule node(String name) {
        return new SweepSchedule(sweeps, new SweepLock(jdbc, properties, name), jdbc, properties, clock,
                new SimpleMeterRegistry());
    }

    private int scheduledSweeps() {
        return jdbc.queryForObject("SELECT count(*) FROM retention.sweep WHERE trigger_kind = 'SCHEDULED'",
                Integer.class);
    }

    private void freeTheLock() {
        jdbc.update("UPDATE retention.sweep_lock SET lock_until = timezone('utc', now()) WHERE name = ?",
                SweepLock.NAME);
    }

    @Test
    void runsOneSweep_whenTwoSchedulersOnOneDatabaseFireTogether() throws Exception {
        freeTheLock();
        int before = scheduledSweeps();
        SweepSchedule first = node("node-1");
        SweepSchedule second = node("node-2");
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<?> a = threads.submit(() -> {
                go.await();
                first.fire();
                return null;
            });
            Future<?> b = threads.submit(() -> {
                go.await();
                second.fire();
                return null;
            });

            go.countDown();
            a.get(2, TimeUnit.MINUTES);
            b.get(2, TimeUnit.MINUTES);
        } finally {
            threads.shutdownNow();
        }
        second.fire();
        first.fire();

        assertThat(scheduledSweeps()).isEqualTo(before + 1);
        assertThat(List.of(first.lastAttempt().orElseThrow().outcome(), second.lastAttempt().orElseThrow().outcome()))
                .containsExactly(SweepSchedule.Outcome.LOCKED_ELSEWHERE, SweepSchedule.Outcome.LOCKED_ELSEWHERE);
        assertThat(sweeps.running()).isEmpty();
    }

    @Test
    void leavesTheSweepToTheOtherNode_whileItHoldsTheLock() throws Exception {
        freeTheLock();
        int before = scheduledSweeps();
        SweepLock otherNode = new SweepLock(jdbc, properties, "other-node");
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService thread = Executors.newSingleThreadExecutor();
        Map<String, Object> whileHeld;
        try {
            Future<Boolean> held = thread.submit(() -> otherNode.tryRun(Duration.ZERO, () -> {
                holding.countDown();
                try {
                    release.await(1, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();

            schedule.fire();
            whileHeld = retentionSweepsDetails();

            release.countDown();
            assertThat(held.get(1, TimeUnit.MINUTES)).isTrue();
        } finally {
            release.countDown();
            thread.shutdownNow();
        }

        assertThat(scheduledSweeps()).isEqualTo(before);
        assertThat(schedule.lastAttempt().orElseThrow().outcome()).isEqualTo(SweepSchedule.Outcome.LOCKED_ELSEWHERE);
        assertThat((Map<String, Object>) whileHeld.get("lock")).containsEntry("heldBy", "other-node");
        assertThat((Map<String, Object>) whileHeld.get("thisNodeLastFired"))
                .containsEntry("outcome", "LOCKED_ELSEWHERE");
    }

    @Test
    void showsTheScheduleTheNextAndTheLastRunInHealthAndMetrics() {
        freeTheLock();

        schedule.fire();

        SweepSchedule.Attempt attempt = schedule.lastAttempt().orElseThrow();
        assertThat(attempt.outcome()).isEqualTo(SweepSchedule.Outcome.SWEPT);
        Map<String, Object> details = retentionSweepsDetails();
        assertThat(details).containsEntry("scheduled", true).containsEntry("cron", "0 0 3 1 1 *")
                .containsEntry("zone", "UTC");
        Instant next = Instant.parse((String) details.get("nextRun"));
        assertThat(next).isAfter(clock.instant());
        assertThat(next.toString()).contains("-01-01T03:00:00Z");
        Map<String, Object> last = (Map<String, Object>) details.get("lastRun");
        assertThat(last).containsEntry("sweepId", attempt.sweepId().toString()).containsEntry("trigger", "SCHEDULED")
                .containsEntry("state", "COMPLETED").containsKey("finishedAt");
        assertThat((Map<String, Object>) details.get("lastScheduledRun"))
                .containsEntry("sweepId", attempt.sweepId().toString());
        assertThat((Map<String, Object>) details.get("thisNodeLastFired")).containsEntry("outcome", "SWEPT");
        ResponseEntity<Map> anonymous = rest.getForEntity("/actuator/health", Map.class);
        assertThat(anonymous.getBody().toString()).doesNotContain(attempt.sweepId().toString());
        String metrics = rest.getForObject("/actuator/prometheus", String.class);
        assertThat(metrics).contains("mincard_retention_sweep_scheduled 1.0")
                .containsPattern("mincard_retention_sweep_next_run_timestamp_seconds [0-9.E]+")
                .containsPattern("mincard_retention_sweep_last_completed_timestamp_seconds [0-9.E]+");
        assertThat(trigger).isNotNull();
        assertThat(UUID.fromString((String) last.get("sweepId"))).isEqualTo(attempt.sweepId());
    }

    private Map<String, Object> retentionSweepsDetails() {
        ResponseEntity<Map> health = rest.withBasicAuth("admin", "test-password").getForEntity(
                "/actuator/health", Map.class);
        Map<String, Object> components = (Map<String, Object>) health.getBody().get("components");
        Map<String, Object> component = (Map<String, Object>) components.get("retentionSweeps");
        assertThat(component).as("health components: %s", components.keySet()).isNotNull();
        assertThat(component).containsEntry("status", "UP");
        return (Map<String, Object>) component.get("details");
    }
}
