package org.mincard.application.retention.sweep;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.mincard.application.retention.policy.RetentionProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Scheduled sweeps ({@code mincard.retention.sweep.scheduled}, on by default; cron {@code mincard.retention.sweep.cron},
 * UTC): every node's scheduler fires, and the one that takes the {@link SweepLock} sweeps, first finishing a sweep
 * that a stop or crash interrupted. What the schedule is, when it fires next and how the last sweeps ended are shown
 * in the health details ({@link SweepScheduleHealth}) and as gauges.
 */
@Component
class SweepSchedule {

    private static final Logger LOG = LoggerFactory.getLogger(SweepSchedule.class);

    /** What this node's scheduler did the last time it fired. */
    enum Outcome {
        SWEPT, LOCKED_ELSEWHERE, FAILED
    }

    record Attempt(Instant at, Outcome outcome, UUID sweepId) {
    }

    /** A sweep as the schedule reports it: ids, times, counts and codes only. */
    record Run(UUID sweepId, String trigger, String state, Instant startedAt, Instant finishedAt, int total,
               int purged, int held, int failed) {
    }

    private final Sweeps sweeps;
    private final SweepLock lock;
    private final JdbcTemplate jdbc;
    private final RetentionProperties.Sweep settings;
    private final CronExpression cron;
    private final Clock clock;
    private final AtomicReference<Attempt> lastAttempt = new AtomicReference<>();
    private final Counter failures;

    SweepSchedule(Sweeps sweeps, SweepLock lock, JdbcTemplate jdbc, RetentionProperties properties, Clock clock,
                  MeterRegistry meters) {
        this.sweeps = sweeps;
        this.lock = lock;
        this.jdbc = jdbc;
        this.settings = properties.sweep();
        this.cron = CronExpression.parse(settings.cron());
        this.clock = clock;
        Gauge.builder("mincard.retention.sweep.scheduled", () -> settings.scheduled() ? 1 : 0)
                .description("1 when sweeps run on the cron").register(meters);
        Gauge.builder("mincard.retention.sweep.next.run.timestamp", () -> nextRun().map(SweepSchedule::seconds)
                        .orElse(Double.NaN))
                .baseUnit("seconds").description("When the scheduler fires next (Unix time); NaN when off")
                .register(meters);
        Gauge.builder("mincard.retention.sweep.last.completed.timestamp", () -> lastCompleted()
                        .map(run -> seconds(run.finishedAt())).orElse(Double.NaN))
                .baseUnit("seconds").description("When the last sweep (any trigger) completed (Unix time)")
                .register(meters);
        failures = Counter.builder("mincard.retention.sweep.failures")
                .description("Scheduled sweeps that failed on this node (resumed at the next run)").register(meters);
    }

    /** Fired by the scheduler on every node; at most one of them sweeps. */
    void fire() {
        Instant at = clock.instant();
        AtomicReference<UUID> swept = new AtomicReference<>();
        try {
            boolean ran = lock.tryRun(settings.lockAtLeastFor(), () -> {
                Optional<UUID> interrupted = sweeps.running();
                Sweeps.SweepStatus done = interrupted.isPresent() ? sweeps.run(interrupted.get())
                        : sweeps.sweepNow("SCHEDULED", "scheduler");
                swept.set(done.sweepId());
            });
            lastAttempt.set(new Attempt(at, ran ? Outcome.SWEPT : Outcome.LOCKED_ELSEWHERE, swept.get()));
            if (!ran) {
                LOG.info("Scheduled retention sweep left to the node holding the sweep lock");
            }
        } catch (RuntimeException e) {
            lastAttempt.set(new Attempt(at, Outcome.FAILED, swept.get()));
            failures.increment();
            LOG.error("Scheduled retention sweep failed; an interrupted sweep resumes at the next run", e);
        }
    }

    boolean scheduled() {
        return settings.scheduled();
    }

    String cron() {
        return settings.cron();
    }

    Optional<Instant> nextRun() {
        if (!settings.scheduled()) {
            return Optional.empty();
        }
        return Optional.ofNullable(cron.next(clock.instant().atZone(ZoneOffset.UTC))).map(next -> next.toInstant());
    }

    Optional<Attempt> lastAttempt() {
        return Optional.ofNullable(lastAttempt.get());
    }

    Optional<SweepLock.Holder> lockHolder() {
        return lock.holder();
    }

    /** The newest sweep of any trigger, or of the given one. */
    Optional<Run> lastRun(String trigger) {
        return jdbc.query("""
                        SELECT sweep_id, trigger_kind, state, started_at, finished_at, total, purged, held, failed
                        FROM retention.sweep WHERE (?::varchar IS NULL OR trigger_kind = ?::varchar)
                        ORDER BY started_at DESC LIMIT 1""",
                (rs, row) -> run(rs), trigger, trigger).stream().findFirst();
    }

    Optional<Run> lastCompleted() {
        return jdbc.query("""
                        SELECT sweep_id, trigger_kind, state, started_at, finished_at, total, purged, held, failed
                        FROM retention.sweep WHERE finished_at IS NOT NULL ORDER BY finished_at DESC LIMIT 1""",
                (rs, row) -> run(rs)).stream().findFirst();
    }

    private static Run run(ResultSet rs) throws SQLException {
        Timestamp finished = rs.getTimestamp("finished_at");
        return new Run(rs.getObject("sweep_id", UUID.class), rs.getString("trigger_kind"), rs.getString("state"),
                rs.getTimestamp("started_at").toInstant(), finished == null ? null : finished.toInstant(),
                rs.getInt("total"), rs.getInt("purged"), rs.getInt("held"), rs.getInt("failed"));
    }

    private static double seconds(Instant instant) {
        return instant.toEpochMilli() / 1000.0;
    }
}
