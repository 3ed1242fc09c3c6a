package org.mincard.application.oversight;

import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Figures for the hash chain, for the benchmark engineer: access-log appends per second with concurrent writers
 * (one record per statement and commit, as the gate writes a single read) while the chainer runs, then linking
 * and verifying a bulk-loaded stream. Prints figures; asserts nothing about time.
 *
 * <p>Every record goes into the real access log and is linked by the real chainer, so a later
 * {@code GET /api/v1/audit/verify} still finds the chains intact; the records are synthetic reads by actors
 * {@code bench-*} and {@code bulk-*} with random ids (no personal data), so use it only on a database that is
 * not a city's.
 */
public final class ChainBenchmark {

    private ChainBenchmark() {
    }

    /** One append run: records appended by {@code writers} threads in {@code seconds}. */
    public record Appends(int writers, long appended, double seconds, boolean chainerDriven, long linkedMeanwhile) {

        public double perSecond() {
            return appended / seconds;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "appends, %d writers, one record per commit, %s: %,d in %.1f s = "
                            + "%,.0f/s%s%n", writers, chainerDriven ? "chainer every 100 ms" : "chainer idle",
                    appended, seconds, perSecond(),
                    chainerDriven ? String.format(Locale.ROOT, " (linked meanwhile: %,d)", linkedMeanwhile) : "");
        }
    }

    /** Bulk load, linking and a verification of every chain against a checkpoint taken just before. */
    public record Verification(long bulkLoaded, double loadSeconds, long linked, double linkSeconds,
                               double plainScanSeconds, long verified, double verifySeconds, boolean intact,
                               List<String> brokenStreams) {

        @Override
        public String toString() {
            StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                    "bulk load %,d records: %.1f s; linking %,d: %.1f s = %,.0f/s%n", bulkLoaded, loadSeconds,
                    linked, linkSeconds, linked / linkSeconds));
            out.append(String.format(Locale.ROOT,
                    "reference: one plain scan of the access log: %.1f s (how busy the machine is)%n",
                    plainScanSeconds));
            out.append(String.format(Locale.ROOT,
                    "verify %,d linked records against a checkpoint: %.1f s = %,.0f/s, intact=%s%n", verified,
                    verifySeconds, verified / verifySeconds, intact));
            brokenStreams.forEach(stream -> out.append("  ").append(stream).append('\n'));
            return out.toString();
        }
    }

    /**
     * Appends for {@code seconds} with {@code writers} threads. With {@code driveChainer} a thread links every
     * 100 ms alongside; without, only the service's own scheduled chainer runs (if its interval is short).
     */
    public static Appends appends(ApplicationContext context, int writers, int seconds, boolean driveChainer)
            throws Exception {
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        Chainer chainer = driveChainer ? context.getBean(Chainer.class) : null;
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
        Thread.sleep(seconds * 1000L);
        running.set(false);
        long appended = 0;
        for (Future<Long> count : counts) {
            appended += count.get();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long linkedDuring = linkedWhileWriting.get();
        pool.shutdown();
        return new Appends(writers, appended, elapsed, driveChainer, linkedDuring);
    }

    /**
     * Bulk-loads {@code records} access records in one statement, links everything pending, takes a checkpoint and
     * verifies every chain against it (the walk {@code GET /api/v1/audit/verify} does), timing each step.
     */
    public static Verification bulkLinkAndVerify(ApplicationContext context, long records) {
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        Chainer chainer = context.getBean(Chainer.class);
        Checkpoints checkpoints = context.getBean(Checkpoints.class);
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
        t0 = System.nanoTime();
        jdbc.queryForObject("SELECT count(*) + sum(octet_length(actor_id::text || subject_id::text)) FROM"
                + " audit.access_record", Long.class);
        double scanSeconds = (System.nanoTime() - t0) / 1e9;
        Checkpoints.Signed checkpoint = checkpoints.take();
        Checkpoints.VerificationReport report = checkpoints.verify(checkpoint.payload(), checkpoint.signature(),
                "benchmark");
        long total = report.streams().stream().mapToLong(ChainVerifier.StreamResult::linked).sum();
        List<String> broken = report.streams().stream().filter(stream -> !stream.intact())
                .map(stream -> stream.stream() + ": " + stream.findingCount() + " findings, first "
                        + stream.findings().get(0)).toList();
        return new Verification(records, loadSeconds, linked, linkSeconds, scanSeconds, total,
                report.durationMillis() / 1000.0, report.intact(), broken);
    }

    /** Linked records over every chain now (what a verification walks). */
    public static long linkedRecords(ApplicationContext context) {
        Long linked = context.getBean(JdbcTemplate.class).queryForObject("SELECT count(*) FROM audit.chain_link",
                Long.class);
        return linked == null ? 0 : linked;
    }

    /** Runs every figure: appends with {@code writers} threads for {@code appendSeconds}, then {@code records}. */
    public static String run(ApplicationContext context, int writers, int appendSeconds, int records)
            throws Exception {
        Chainer chainer = context.getBean(Chainer.class);
        StringBuilder out = new StringBuilder("Hash chain figures\n");
        chainer.chainAll();

        Appends without = appends(context, writers, appendSeconds, false);
        out.append(without);
        Appends with = appends(context, writers, appendSeconds, true);
        out.append(with);
        out.append(String.format(Locale.ROOT, "chainer's cost to writers: %.0f %%%n",
                100 * (1 - with.perSecond() / without.perSecond())));
        out.append(bulkLinkAndVerify(context, records));
        return out.toString();
    }
}
