package org.mincard.application.retention;

import org.mincard.projections.retentionschedule.RetentionScheduleProjection;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** A changed retention profile takes effect at start-up: the schedule is recomputed from its stored facts. */
@Component
class ScheduleStartup {

    private final RetentionScheduleProjection schedule;

    ScheduleStartup(RetentionScheduleProjection schedule) {
        this.schedule = schedule;
    }

    @EventListener(ApplicationReadyEvent.class)
    void recomputeIfPolicyChanged() {
        schedule.recomputeIfPolicyChanged();
    }
}
