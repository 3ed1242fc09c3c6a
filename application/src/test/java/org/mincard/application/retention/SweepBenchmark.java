package org.mincard.application.retention;

import org.mincard.application.retention.sweep.Sweeps;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;
import java.util.Locale;

/**
 * Sweep throughput for the benchmark command (not a test: it asserts nothing). Seeds n due items (see
 * {@link DueItemsFixture}), then times one sweep end to end: planning, every batch (keys destroyed, read-model
 * copies removed, one PersonalDataPurged event per item, item states) and the signed manifest. Target: at least
 * 20,000 items/s with 100,000 items on the 2-core machine.
 */
public final class SweepBenchmark {

    private SweepBenchmark() {
    }

    /** Planning, purging and manifest times, and the end-to-end rate. */
    public record Figures(int items, int purged, double planMillis, double purgeMillis, double totalMillis) {

        public double itemsPerSecond() {
            return items / (totalMillis / 1000.0);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, """
                    retention sweep: %d due items, %d purged
                    retention sweep: plan (work list)            %10.0f ms
                    retention sweep: purge batches + manifest    %10.0f ms
                    retention sweep: end to end                  %10.0f ms = %.0f items/s (target >= 20000)
                    """, items, purged, planMillis, purgeMillis, totalMillis, itemsPerSecond());
        }
    }

    /** Seeds n due items into the context's database and sweeps them once. */
    public static Figures run(ApplicationContext context, int n) {
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        Sweeps sweeps = context.getBean(Sweeps.class);
        DueItemsFixture.seed(jdbc, n, context.getBean(Clock.class).instant());
        jdbc.execute("ANALYZE");
        long start = System.nanoTime();
        Sweeps.SweepStatus planned = sweeps.plan("ON_DEMAND", "benchmark");
        long plannedAt = System.nanoTime();
        Sweeps.SweepStatus done = sweeps.run(planned.sweepId());
        long end = System.nanoTime();
        return new Figures(planned.total(), done.purged(), (plannedAt - start) / 1e6, (end - plannedAt) / 1e6,
                (end - start) / 1e6);
    }
}
