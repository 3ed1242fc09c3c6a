package org.mincard.application.vault;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.mincard.domain.personaldata.DataClass;
import org.mincard.domain.shared.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Prints access-log appends per second with 8 writers, one record per read (a single gate read), with and without
 * group commit (ADR 0020), when asked ({@code -Dmincard.benchmark=true}; {@code -Dmincard.benchmark.seconds},
 * default 10). Asserts nothing about time.
 */
@EnabledIfSystemProperty(named = "mincard.benchmark", matches = "true")
@SpringBootTest(properties = {"mincard.oversight.chain.interval=PT1H", "mincard.oversight.checkpoints.cron=-"})
class AccessLogBenchmarkIT {

    private static final int WRITERS = 8;

    @Autowired
    AccessLog accessLog;
    @Autowired
    TransactionTemplate transactions;

    @Test
    void printsAppendsPerSecond_withAndWithoutGroupCommit() throws Exception {
        int seconds = Integer.getInteger("mincard.benchmark.seconds", 10);
        double single = run(seconds, true);
        double grouped = run(seconds, false);
        System.out.printf(Locale.ROOT, "access-log appends, %d writers, one record per read, %d s each:%n"
                + "  one commit per read (in the reader's own transaction): %,.0f records/s%n"
                + "  group commit: %,.0f records/s (%.1fx)%n", WRITERS, seconds, single, grouped, grouped / single);
    }

    private double run(int seconds, boolean ownTransaction) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        AtomicBoolean stop = new AtomicBoolean();
        List<Future<Long>> writers = new ArrayList<>();
        long start = System.nanoTime();
        for (int w = 0; w < WRITERS; w++) {
            String actor = "bench-accesslog-" + w;
            writers.add(pool.submit(() -> {
                long appended = 0;
                while (!stop.get()) {
                    List<AccessRecord> one = List.of(new AccessRecord(Instant.now(), actor, Role.CLERK,
                            UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), DataClass.CONTACT,
                            AccessPurpose.CASE_WORK, AccessOutcome.SHOWN, null, null));
                    if (ownTransaction) {
                        transactions.executeWithoutResult(status -> accessLog.append(one));
                    } else {
                        accessLog.append(one);
                    }
                    appended++;
                }
                return appended;
            }));
        }
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        long total = 0;
        for (Future<Long> writer : writers) {
            total += writer.get();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return total / elapsed;
    }
}
