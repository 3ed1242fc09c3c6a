package org.mincard.application.vault.keys;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.mincard.application.vault.ErasureLedger;
import org.mincard.domain.personaldata.DataClass;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Start-up cost of the erasure fence with a large ledger, printed when asked ({@code -Dmincard.benchmark=true};
 * {@code -Dmincard.benchmark.ledger-entries=N}, default 1,000,000): the whole-ledger run (no mark: what every start did
 * before ADR 0017, and what a start does after its mark's KEK was destroyed) beside a run from the mark, with no new
 * entry and with 1,000 new entries. Asserts only correctness, never time.
 */
@EnabledIfSystemProperty(named = "mincard.benchmark", matches = "true")
@SpringBootTest(properties = "mincard.vault.rotation.scheduled=false")
class ErasureFenceBenchmarkIT {

    private static final int ENTRIES = Integer.getInteger("mincard.benchmark.ledger-entries", 1_000_000);
    private static final Path LEDGER = Path.of("target", "fence-benchmark", UUID.randomUUID().toString(),
            "erasure-ledger.txt");

    @DynamicPropertySource
    static void ownLedger(DynamicPropertyRegistry registry) {
        registry.add("mincard.vault.erasure-ledger.path", LEDGER::toString);
    }

    @Autowired
    ErasureFence fence;

    @Autowired
    ErasureLedger ledger;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void printsFenceStartUpTimes_wholeLedgerAndFromTheMark() {
        long start = System.nanoTime();
        append(ENTRIES);
        double write = seconds(start);

        start = System.nanoTime();
        long[] read = {0};
        ledger.forEach(entry -> read[0]++);
        double chain = seconds(start);

        jdbc.update("DELETE FROM vault.erasure_fence_mark");
        start = System.nanoTime();
        fence.afterSingletonsInstantiated();
        double whole = seconds(start);

        start = System.nanoTime();
        fence.afterSingletonsInstantiated();
        double fromMark = seconds(start);

        append(1_000);
        start = System.nanoTime();
        fence.afterSingletonsInstantiated();
        double fromMarkWithNew = seconds(start);

        assertThat(read[0]).isEqualTo(ENTRIES);
        assertThat(jdbc.queryForObject("SELECT sequence FROM vault.erasure_fence_mark", Long.class))
                .isEqualTo(ENTRIES + 1_000L);
        System.out.printf(Locale.ROOT, "%nErasure fence benchmark, ledger of %,d entries (written in %.1f s)%n"
                        + "%-58s %8.2f s%n%-58s %8.2f s%n%-58s %8.3f s%n%-58s %8.3f s%n", ENTRIES, write,
                "chain check of the whole ledger (the old open)", chain,
                "fence, whole ledger (no mark; before ADR 0017)", whole,
                "fence from the mark, nothing new", fromMark,
                "fence from the mark, 1,000 new entries", fromMarkWithNew);
    }

    private void append(int entries) {
        Instant at = Instant.parse("2026-03-01T02:30:00Z");
        UUID sweep = UUID.randomUUID();
        for (int from = 0; from < entries; from += 10_000) {
            List<ErasureLedger.Entry> batch = new ArrayList<>(10_000);
            for (int i = from; i < Math.min(entries, from + 10_000); i++) {
                batch.add(ErasureLedger.Entry.dataKey(at, UUID.randomUUID(), DataClass.CONTACT, 1, "local-1", sweep,
                        "min-contact-decision-made"));
            }
            ledger.append(batch);
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
