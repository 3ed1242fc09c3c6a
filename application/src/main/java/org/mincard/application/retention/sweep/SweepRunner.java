package org.mincard.application.retention.sweep;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import jakarta.annotation.PreDestroy;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs sweeps in the background, one at a time: on demand, on the schedule, and at start-up for a sweep that a
 * stop or crash interrupted.
 */
@Component
class SweepRunner {

    private static final Logger LOG = LoggerFactory.getLogger(SweepRunner.class);

    private final Sweeps sweeps;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "retention-sweep");
        thread.setDaemon(true);
        return thread;
    });

    SweepRunner(Sweeps sweeps) {
        this.sweeps = sweeps;
    }

    /** Plans a sweep now and runs it in the background. */
    Sweeps.SweepStatus start(String trigger, String startedBy) {
        Sweeps.SweepStatus planned = sweeps.plan(trigger, startedBy);
        runInBackground(planned.sweepId());
        return planned;
    }

    void runInBackground(UUID sweepId) {
        executor.execute(() -> {
            try {
                sweeps.run(sweepId);
            } catch (RuntimeException e) {
                // The sweep stays RUNNING with its pending items; the next start resumes it.
                LOG.error("Retention sweep {} stopped; it resumes at the next start-up or sweep request", sweepId,
                        e);
            }
        });
    }

    @EventListener(ApplicationReadyEvent.class)
    void resumeInterrupted() {
        sweeps.running().ifPresent(sweepId -> {
            LOG.warn("Resuming retention sweep {} interrupted by a stop or crash", sweepId);
            runInBackground(sweepId);
        });
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
