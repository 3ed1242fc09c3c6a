package org.mincard.application.oversight;

import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Figures for the hash chain, for the benchmark engineer: access-log appends per second with concurrent writers
 * (one record per statement and commit, as the gate writes a single read) while the chainer runs, then linking
 * and verifying a bulk-loaded stream. Prints figures; asserts nothing about time.
 */
public final class ChainBenchmark {

    private ChainBenchmark() {
    }

    /** Appends for a while with {@code writers} threads, with the chainer running alongside when given. */
    private static double appends(JdbcTemplate jdbc, Chainer chainer, int writers, int appendSeconds,
                                  StringBuilder out) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        List<Future<Long>> counts = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            String actor = "bench-" + w;
            counts.add(pool.submit(() -> {
                long n = 0;
                while (running.get()) {
                    jdbc.update("""
                            INSERT INTO audit.access_record (occurred_at, actor_id, actor_role, site_id, case_id,
                                   subject_id, data_class, purpose, outcome)
                            VALUES (now(), ?, 'CLERK', ?, ?, ?, 'CONTACT', 'CASE_WORK', 'SHOWN')""",
                            actor, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
                    n++;
                }
                return n;
            }));
        }
        Future<Long> linkedWhileWriting = pool.submit(() -> {
            long linked = 0;
            while (chainer != null && running.get()) {
                linked += chainer.chainAll();
                Thread.sleep(100);
            }
            return linked;
        });
        long start = System.nanoTime();
        Thread.sleep(appendSeconds * 1000L);
        running.set(false);
        long appended = 0;
        for (Future<Long> count : counts) {
            appended += count.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long linkedDuring = linkedWhileWriting.get();
        pool.shutdown();
        out.append(String.format("appends, %d writers, one record per commit, %s: %,d in %.1f s = %,.0f/s%s%n",
                writers, chainer == null ? "chainer idle" : "chainer every 100 ms", appended, seconds,
                appended / seconds, chainer == null ? "" : String.format(" (linked meanwhile: %,d)", linkedDuring)));
        return appended / seconds;
    }

    /** Runs every figure: appends with {@code writers} threads for {@code appendSeconds}, then {@code records}. */
    public static String run(ApplicationContext context, int writers, int appendSeconds, int records)
            throws Exception {
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        Chainer chainer = context.getBean(Chainer.class);
        Checkpoints checkpoints = context.getBean(Checkpoints.class);
        StringBuilder out = new StringBuilder("Hash chain figures\n");
        chainer.chainAll();

        double without = appends(jdbc, null, writers, appendSeconds, out);
        double with = appends(jdbc, chainer, writers, appendSeconds, out);
        out.append(String.format("chainer's cost to writers: %.0f %%%n", 100 * (1 - with / without)));
        chainer.chainAll();

        long t0 = System.nanoTime();
        jdbc.update("""
                INSERT INTO audit.access_record (occurred_at, actor_id, actor_role, site_id, case_id, subject_id,
                       data_class, purpose, outcome)
                SELECT now(), 'bulk-' || (g % 50), 'CLERK', gen_random_uuid(), gen_random_uuid(), gen_random_uuid(),
                       'CONTACT', 'CASE_WORK', 'SHOWN'
                FROM generate_series(1, ?) g""", records);
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        long linked = chainer.chainAll();
        double linkSeconds = (System.nanoTime() - t0) / 1e9;
        out.append(String.format("bulk load %,d records: %.1f s; linking %,d: %.1f s = %,.0f/s%n", records,
                loadSeconds, linked, linkSeconds, linked / linkSeconds));
        t0 = System.nanoTime();
        jdbc.queryForObject("SELECT count(*) + sum(octet_length(actor_id::text || subject_id::text)) FROM"
                + " audit.access_record", Long.class);
        out.append(String.format("reference: one plain scan of the access log: %.1f s (how busy the machine is)%n",
                (System.nanoTime() - t0) / 1e9));
        Checkpoints.Signed checkpoint = checkpoints.take();
        Checkpoints.VerificationReport report = checkpoints.verify(checkpoint.payload(), checkpoint.signature(),
                "benchmark");
        long total = report.streams().stream().mapToLong(ChainVerifier.StreamResult::linked).sum();
        out.append(String.format("verify %,d linked records against a checkpoint: %.1f s = %,.0f/s, intact=%s%n",
                total, report.durationMillis() / 1000.0, total / (report.durationMillis() / 1000.0),
                report.intact()));
        report.streams().stream().filter(stream -> !stream.intact()).forEach(stream -> out.append("  ")
                .append(stream.stream()).append(": ").append(stream.findingCount()).append(" findings, first ")
                .append(stream.findings().get(0)).append('\n'));
        return out.toString();
    }
}
