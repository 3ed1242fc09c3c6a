package org.mincard.application.retention.sweep;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/** Scheduled sweeps ({@code mincard.retention.sweep.scheduled=true}, cron {@code mincard.retention.sweep.cron}). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "mincard.retention.sweep.scheduled", havingValue = "true")
class SweepSchedule {

    private final SweepRunner runner;
    private final Sweeps sweeps;

    SweepSchedule(SweepRunner runner, Sweeps sweeps) {
        this.runner = runner;
        this.sweeps = sweeps;
    }

    @Scheduled(cron = "${mincard.retention.sweep.cron}", zone = "UTC")
    void sweep() {
        if (sweeps.running().isPresent()) {
            return;
        }
        runner.start("SCHEDULED", "scheduler");
    }
}
