package org.mincard.application.vault.keys;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.mincard.application.vault.ErasureLedger;
import org.mincard.application.vault.PurgeReference;
import org.mincard.domain.personaldata.DataClass;
import org.mincard.domain.personaldata.KeyReference;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.crypto.spec.SecretKeySpec;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * KEK figures, the HSM-backed KEK (SoftHSM2 through SunPKCS11) beside the local one, printed when asked
 * ({@code -Dmincard.benchmark=true}; {@code -Dmincard.benchmark.keys=N}, default 5000). Asserts only correctness,
 * never time. Figures: wrap (a new data key, i.e. the first seal of a class), unwrap through {@link DataKeys} with the
 * cache off (a read or a sweep that meets a key not yet cached), and a rotation of every live key (keys/s).
 */
@EnabledIfSystemProperty(named = "mincard.benchmark", matches = "true")
@SpringBootTest
class KekBenchmarkIT {

    private static final int KEYS = Integer.getInteger("mincard.benchmark.keys", 5000);

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ErasureLedger ledger;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    Clock clock;

    @Autowired
    RotationProperties rotation;

    @Test
    void printsWrapUnwrapAndRotationRates_forTheLocalAndTheHsmKek() throws Exception {
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
                "%nKEK benchmark, %,d data keys, cache off%n%-22s %12s %12s %14s%n", KEYS, "KEK", "wrap keys/s",
                "unwrap keys/s", "rotation keys/s"));
        KeyEncryptionKeys localOld = local("bench-old");
        KeyEncryptionKeys localBoth = new LocalKeyEncryptionKeys(Map.of(
                "bench-old", ((LocalKeyEncryptionKeys) localOld).keyFor("bench-old"),
                "bench-new", ((LocalKeyEncryptionKeys) local("bench-new")).keyFor("bench-new")), "bench-new");
        report.append(measure("local (AES-GCM in JVM)", localOld, localBoth));

        String hsmOld = SoftHsm.createKek("bench-old");
        String hsmNew = SoftHsm.createKek("bench-new");
        KeyEncryptionKeys hsmOldOnly = Pkcs11KeyEncryptionKeys.open(SoftHsm.settings(List.of(hsmOld)), hsmOld);
        KeyEncryptionKeys hsmBoth = Pkcs11KeyEncryptionKeys.open(SoftHsm.settings(List.of(hsmOld, hsmNew)), hsmNew);
        report.append(measure("PKCS#11 (SoftHSM2)", hsmOldOnly, hsmBoth));
        System.out.println(report);
    }

    private String measure(String name, KeyEncryptionKeys old, KeyEncryptionKeys both) throws Exception {
        DataKeys underOld = new DataKeys(jdbc, old, new DataKeyCache(0), clock, ledger);
        long start = System.nanoTime();
        List<SealingKey> keys = new ArrayList<>(KEYS);
        for (int i = 0; i < KEYS; i++) {
            keys.add(underOld.keyForSealing(UUID.randomUUID(), DataClass.CONTACT));
        }
        double wrap = KEYS / seconds(start);

        List<KeyReference> references = keys.stream().map(SealingKey::reference).toList();
        start = System.nanoTime();
        for (int from = 0; from < references.size(); from += 50) {
            Map<KeyReference, KeyState> states = underOld.keysForUnsealing(
                    references.subList(from, Math.min(from + 50, references.size())));
            assertThat(states.values()).allMatch(KeyState.Live.class::isInstance);
        }
        double unwrap = KEYS / seconds(start);

        KeyRotations rotations = new KeyRotations(jdbc, new TransactionTemplate(transactionManager), both, 500, rotation,
                clock, new SimpleMeterRegistry());
        start = System.nanoTime();
        KeyRotations.KeyRotation rotation = rotations.start("benchmark");
        KeyRotations.KeyRotation progress;
        do {
            Thread.sleep(50);
            progress = rotations.find(rotation.rotationId()).orElseThrow();
        } while (progress.state() == KeyRotations.State.RUNNING);
        double rotate = progress.done() / seconds(start);
        rotations.destroy();
        assertThat(progress.state()).isEqualTo(KeyRotations.State.COMPLETED);
        assertThat(progress.done()).isEqualTo(KEYS);

        // Retire this run's keys so that the next KEK's rotation meets only its own.
        for (SealingKey key : keys) {
            underOld.destroyKeys(key.reference().subjectId(), DataClass.CONTACT,
                    new PurgeReference(UUID.randomUUID(), "benchmark"));
        }
        return String.format(Locale.ROOT, "%-22s %,12.0f %,12.0f %,14.0f%n", name, wrap, unwrap, rotate);
    }

    private static KeyEncryptionKeys local(String id) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new LocalKeyEncryptionKeys(Map.of(id, new SecretKeySpec(key, "AES")), id);
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
