package org.mincard.application.retention.sweep;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code retentionSweeps} in {@code /actuator/health}: whether sweeps are scheduled, the cron, the next run, the
 * newest sweep and the newest scheduled sweep (ids, times, counts), this node's last scheduler firing, and which node
 * holds the sweep lock. Details are shown to administrators only ({@code show-details: when-authorized}).
 */
@Component("retentionSweeps")
class SweepScheduleHealth extends AbstractHealthIndicator {

    private final SweepSchedule schedule;

    SweepScheduleHealth(SweepSchedule schedule) {
        super("Retention sweep schedule check failed");
        this.schedule = schedule;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.up().withDetail("scheduled", schedule.scheduled()).withDetail("cron", schedule.cron())
                .withDetail("zone", "UTC");
        schedule.nextRun().ifPresent(next -> builder.withDetail("nextRun", next.toString()));
        schedule.lastRun(null).ifPresent(run -> builder.withDetail("lastRun", describe(run)));
        schedule.lastRun("SCHEDULED").ifPresent(run -> builder.withDetail("lastScheduledRun", describe(run)));
        schedule.lastAttempt().ifPresent(attempt -> {
            Map<String, Object> fired = new LinkedHashMap<>();
            fired.put("at", attempt.at().toString());
            fired.put("outcome", attempt.outcome().name());
            if (attempt.sweepId() != null) {
                fired.put("sweepId", attempt.sweepId().toString());
            }
            builder.withDetail("thisNodeLastFired", fired);
        });
        schedule.lockHolder().ifPresent(holder -> builder.withDetail("lock", Map.of(
                "heldBy", holder.lockedBy(), "since", holder.lockedAt().toString(),
                "until", holder.lockUntil().toString())));
    }

    private static Map<String, Object> describe(SweepSchedule.Run run) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("sweepId", run.sweepId().toString());
        details.put("trigger", run.trigger());
        details.put("state", run.state());
        details.put("startedAt", run.startedAt().toString());
        if (run.finishedAt() != null) {
            details.put("finishedAt", run.finishedAt().toString());
        }
        details.put("total", run.total());
        details.put("purged", run.purged());
        details.put("held", run.held());
        details.put("failed", run.failed());
        return details;
    }
}
