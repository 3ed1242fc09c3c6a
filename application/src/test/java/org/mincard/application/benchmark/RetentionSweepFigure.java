package org.mincard.application.benchmark;

import org.mincard.application.retention.SweepBenchmark;
import org.mincard.application.retention.sweep.Sweeps;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;

/**
 * Figure 6 on the city's database: the retention hook ({@link SweepBenchmark}) seeds its own due items and times one
 * on-demand sweep. A sweep takes every item due, and the city's history makes many of its own items due (the default
 * profile purges contact and review data when the decision is made), so those are set aside first: their due times
 * are moved 1,000 years on and restored afterwards, and the sweep sees only the seeded items. The set-aside list is
 * kept in {@code bench.sweep_set_aside}, so a run cut off mid-sweep is repaired at the next run's start.
 */
final class RetentionSweepFigure {

    private static final String TABLE = "CREATE TABLE IF NOT EXISTS bench.sweep_set_aside (cardholder_id uuid NOT NULL,"
            + " data_class varchar(16) NOT NULL, due_at timestamptz NOT NULL,"
            + " CONSTRAINT sweep_set_aside_pk PRIMARY KEY (cardholder_id, data_class))";
    /** Items becoming due while the sweep runs are set aside too. */
    private static final Duration MARGIN = Duration.ofDays(1);

    /** {@code restored} falls short of {@code setAside} only where the schedule recomputed an item meanwhile. */
    record Result(SweepBenchmark.Figures figures, int setAside, int restored) {
    }

    private final ConfigurableApplicationContext context;
    private final JdbcTemplate jdbc;

    RetentionSweepFigure(ConfigurableApplicationContext context) {
        this.context = context;
        this.jdbc = context.getBean(JdbcTemplate.class);
        BenchSchema.create(context.getEnvironment(), TABLE);
    }

    /** Puts back the due times of city items an interrupted earlier run set aside; answers how many. */
    int restore() {
        return jdbc.update("""
                WITH back AS (DELETE FROM bench.sweep_set_aside RETURNING cardholder_id, data_class, due_at)
                UPDATE retention.schedule_item si SET due_at = back.due_at FROM back
                WHERE si.cardholder_id = back.cardholder_id AND si.data_class = back.data_class
                  AND si.due_at = back.due_at + interval '1000 years'""");
    }

    Result run(int items) {
        Sweeps sweeps = context.getBean(Sweeps.class);
        if (sweeps.running().isPresent()) {
            throw new IllegalStateException("a retention sweep is already running in the saved database");
        }
        restore();
        Timestamp horizon = Timestamp.from(context.getBean(Clock.class).instant().plus(MARGIN));
        int setAside = jdbc.update("""
                WITH moved AS (
                    UPDATE retention.schedule_item SET due_at = due_at + interval '1000 years'
                    WHERE due_at <= ? RETURNING cardholder_id, data_class, due_at - interval '1000 years')
                INSERT INTO bench.sweep_set_aside (cardholder_id, data_class, due_at) SELECT * FROM moved""", horizon);
        SweepBenchmark.Figures figures;
        try {
            figures = SweepBenchmark.run(context, items);
        } catch (RuntimeException e) {
            restore();
            throw e;
        }
        return new Result(figures, setAside, restore());
    }

    static int batchSize(Environment environment) {
        return environment.getProperty("mincard.retention.sweep.batch-size", Integer.class, 0);
    }
}
