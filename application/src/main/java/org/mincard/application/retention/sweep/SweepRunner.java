package org.mincard.application.retention.sweep;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs sweeps in the background, one at a time across the nodes ({@link SweepLock}): on demand, and at start-up for a
 * sweep that a stop or crash interrupted. Scheduled sweeps run in the scheduler's thread ({@link SweepSchedule}).
 */
@Component
public class SweepRunner {

    private static final Logger LOG = LoggerFactory.getLogger(SweepRunner.class);

    private final Sweeps sweeps;
    private final SweepLock lock;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "retention-sweep");
        thread.setDaemon(true);
        return thread;
    });

    SweepRunner(Sweeps sweeps, SweepLock lock) {
        this.sweeps = sweeps;
        this.lock = lock;
    }

    /** Plans a sweep now and runs it in the background. */
    public Sweeps.SweepStatus start(String trigger, String startedBy) {
        Sweeps.SweepStatus planned = sweeps.plan(trigger, startedBy);
        runInBackground(planned.sweepId());
        return planned;
    }

    void runInBackground(UUID sweepId) {
        executor.execute(() -> {
            try {
                runUnderLock(sweepId);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                // The sweep stays RUNNING with its pending items; the next start resumes it.
                LOG.error("Retention sweep {} stopped; it resumes at the next start-up or sweep request", sweepId,
                        e);
            }
        });
    }

    /**
     * Runs the sweep once this node holds the sweep lock. If another node holds it, that node is running this very
     * sweep (and finishes it) or has just finished a scheduled one: wait, and stop as soon as the sweep is no longer
     * running, so that it is never run on two nodes at once or completed twice.
     */
    private void runUnderLock(UUID sweepId) throws InterruptedException {
        while (stillRunning(sweepId)) {
            if (lock.tryRun(Duration.ZERO, () -> {
                if (stillRunning(sweepId)) {
                    sweeps.run(sweepId);
                }
            })) {
                return;
            }
            Thread.sleep(1000);
        }
    }

    private boolean stillRunning(UUID sweepId) {
        return sweeps.running().filter(sweepId::equals).isPresent();
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
