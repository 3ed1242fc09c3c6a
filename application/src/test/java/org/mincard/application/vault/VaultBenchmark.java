package org.mincard.application.vault;

import org.mincard.application.MincardApplication;
import org.mincard.application.vault.keys.DataKeys;
import org.mincard.application.vault.keys.SealingKey;
import org.mincard.domain.personaldata.CardRecord;
import org.mincard.domain.personaldata.PersonalDataSealer;
import org.mincard.domain.personaldata.SealedValue;
import org.mincard.domain.shared.Actor;
import org.mincard.domain.shared.Role;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.lang.management.ManagementFactory;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Vault figures for the benchmark command (not a test: it asserts nothing). Single-threaded, so each figure is per
 * core, though the database-bound ones also wait on PostgreSQL. Run {@link #main} from the test classpath, or call
 * {@link #run} with a started application context.
 */
public final class VaultBenchmark {

    /** Throughputs in operations per second; page figures in milliseconds for 50 items through the gate. */
    public record Figures(double sealsNewSubjectPerSecond, double sealsExistingKeyPerSecond,
                          double cryptoUnsealsPerSecond, double gateUnsealsPerSecond,
                          double pageOf50MedianMillis, double pageOf50P95Millis) {

        @Override
        public String toString() {
            return String.format(Locale.ROOT, """
                    vault: seal, new subject (creates and wraps a key) %10.0f /s
                    vault: seal, existing live key                    %10.0f /s
                    vault: unseal, AES-GCM + JSON only               %10.0f /s
                    vault: unseal through the gate, pages of 50      %10.0f /s
                    vault: page of 50 through the gate               median %.2f ms, p95 %.2f ms (target < 2 ms)
                    vault: (single thread; load average %.1f on %d cores while measuring)""",
                    sealsNewSubjectPerSecond, sealsExistingKeyPerSecond, cryptoUnsealsPerSecond,
                    gateUnsealsPerSecond, pageOf50MedianMillis, pageOf50P95Millis,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    Runtime.getRuntime().availableProcessors());
        }
    }

    private VaultBenchmark() {
    }

    public static void main(String[] args) {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(MincardApplication.class)
                .run("--server.port=0", "--mincard.vault.read-limit.max-reads=100000000")) {
            System.out.println(run(context, 2_000, 400));
        }
    }

    public static Figures run(ApplicationContext context, int values, int pages) {
        PersonalDataSealer sealer = context.getBean(PersonalDataSealer.class);
        PersonalDataGate gate = context.getBean(PersonalDataGate.class);
        DataKeys dataKeys = context.getBean(DataKeys.class);
        CardRecord card = new CardRecord("Benchmark Person Name", LocalDate.of(1980, 1, 1), "X");

        List<SealedValue> sealed = new ArrayList<>(values);
        sealNew(sealer, card, Math.min(values, 200));
        long start = System.nanoTime();
        for (int i = 0; i < values; i++) {
            sealed.add(sealer.seal(UUID.randomUUID(), card));
        }
        double sealsNew = values / seconds(start);

        UUID existing = UUID.randomUUID();
        sealer.seal(existing, card);
        start = System.nanoTime();
        for (int i = 0; i < values; i++) {
            sealer.seal(existing, card);
        }
        double sealsExisting = values / seconds(start);

        SealingKey key = dataKeys.keyForSealing(UUID.randomUUID(), card.dataClass());
        byte[] ciphertext = SealCipher.seal(key.reference(), key.key(), PersonalDataCodec.encode(card));
        int cryptoRounds = values * 20;
        for (int i = 0; i < cryptoRounds; i++) {
            PersonalDataCodec.decode(card.dataClass(), SealCipher.open(key.reference(), key.key(), ciphertext));
        }
        start = System.nanoTime();
        for (int i = 0; i < cryptoRounds; i++) {
            PersonalDataCodec.decode(card.dataClass(), SealCipher.open(key.reference(), key.key(), ciphertext));
        }
        double cryptoUnseals = cryptoRounds / seconds(start);

        List<UnsealRequest> requests = sealed.stream()
                .map(value -> new UnsealRequest(value, AccessContext.none())).toList();
        int pageCount = Math.max(1, requests.size() / 50);
        for (int i = 0; i < Math.min(100, pages); i++) {
            page(gate, requests, i % pageCount, -i - 1);
        }
        double[] millis = new double[pages];
        start = System.nanoTime();
        for (int i = 0; i < pages; i++) {
            long pageStart = System.nanoTime();
            page(gate, requests, i % pageCount, i);
            millis[i] = (System.nanoTime() - pageStart) / 1e6;
        }
        double gateUnseals = pages * 50 / seconds(start);
        Arrays.sort(millis);
        return new Figures(sealsNew, sealsExisting, cryptoUnseals, gateUnseals, millis[pages / 2],
                millis[(int) Math.min(pages - 1, Math.ceil(pages * 0.95) - 1)]);
    }

    private static void sealNew(PersonalDataSealer sealer, CardRecord card, int count) {
        for (int i = 0; i < count; i++) {
            sealer.seal(UUID.randomUUID(), card);
        }
    }

    private static void page(PersonalDataGate gate, List<UnsealRequest> requests, int page, int round) {
        Actor clerk = new Actor("bench-clerk-" + round, Role.CLERK, Set.of(), false);
        List<Unsealed> answers = gate.unsealAll(clerk, AccessPurpose.CASE_WORK,
                requests.subList(page * 50, Math.min(requests.size(), page * 50 + 50)));
        if (answers.stream().anyMatch(answer -> answer.outcome() != AccessOutcome.SHOWN)) {
            throw new IllegalStateException("benchmark page not fully shown");
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
