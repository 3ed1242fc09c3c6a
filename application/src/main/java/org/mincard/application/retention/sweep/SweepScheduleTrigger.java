package org.mincard.application.retention.sweep;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Fires {@link SweepSchedule} on the cron. On unless {@code mincard.retention.sweep.scheduled=false}: data due at a
 * decision must not stay readable until someone remembers to start a sweep.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "mincard.retention.sweep.scheduled", havingValue = "true", matchIfMissing = true)
class SweepScheduleTrigger {

    private final SweepSchedule schedule;

    SweepScheduleTrigger(SweepSchedule schedule) {
        this.schedule = schedule;
    }

    @Scheduled(cron = "${mincard.retention.sweep.cron:0 15 * * * *}", zone = "UTC")
    void sweep() {
        schedule.fire();
    }
}
