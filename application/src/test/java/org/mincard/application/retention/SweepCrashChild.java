package org.mincard.application.retention;

import org.mincard.application.MincardApplication;
import org.mincard.application.retention.sweep.SweepObserver;
import org.mincard.application.retention.sweep.Sweeps;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * The service process that {@link SweepCrashRecoveryIT} kills: starts the application on the test's database, plans
 * a sweep and runs it with a pause per batch, so that the kill lands in the middle of the sweep.
 */
public final class SweepCrashChild {

    private SweepCrashChild() {
    }

    /** Slows each batch down (inside its transaction) so the parent can kill the process mid-sweep. */
    @TestConfiguration
    static class SlowBatches {

        @Bean
        SweepObserver slowBatches() {
            return (sweepId, batch) -> {
                try {
                    Thread.sleep(150);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            };
        }
    }

    public static void main(String[] args) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(MincardApplication.class,
                SlowBatches.class).web(WebApplicationType.SERVLET).run(args);
        Sweeps sweeps = context.getBean(Sweeps.class);
        Sweeps.SweepStatus planned = sweeps.plan("ON_DEMAND", "crash-test-child");
        System.out.println("SWEEP-PLANNED " + planned.sweepId() + " " + planned.total());
        sweeps.run(planned.sweepId());
        System.out.println("SWEEP-FINISHED-UNEXPECTEDLY");
        context.close();
    }
}
