package org.mincard.application.vault.keys;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.mincard.application.MovableClock;
import org.mincard.application.vault.ErasureLedger;
import org.mincard.domain.personaldata.DataClass;
import org.mincard.domain.personaldata.KeyReference;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Scheduled KEK epochs with the KEK in a real SoftHSM2 token, on two nodes that share the token and the database:
 * the service generates its first KEK version in the token, each epoch's rotation generates the next one there
 * (sensitive, non-extractable, labelled by version), the retired version is deleted from the token once the backup
 * retention has passed, and two nodes racing to rotate or to destroy never both do it (ADR 0017).
 */
@SpringBootTest(properties = {
        "mincard.vault.rotation.scheduled=false",
        "mincard.vault.rotation.interval=P7D",
        "mincard.vault.rotation.backup-retention=P30D",
        "mincard.vault.keys.rotation-batch-size=50"})
class HsmKekEpochsIT {

    static final String PREFIX = SoftHsm.uniquePrefix("epochs");

    @DynamicPropertySource
    static void hsm(DynamicPropertyRegistry registry) {
        for (String property : SoftHsm.versionedSpringProperties(PREFIX)) {
            int equals = property.indexOf('=');
            registry.add(property.substring(0, equals), () -> property.substring(equals + 1));
        }
        registry.add("mincard.vault.erasure-ledger.path", () -> Path.of("target", "hsm-epochs", PREFIX,
                "erasure-ledger.txt").toString());
    }

    @TestConfiguration
    static class ClockConfig {

        @Bean
        @Primary
        MovableClock testClock() {
            return new MovableClock(Instant.parse("2026-03-02T10:00:00Z"));
        }
    }

    @Autowired
    KeyEncryptionKeys keks;

    @Autowired
    KekEpochs epochs;

    @Autowired
    KeyRotations rotations;

    @Autowired
    DataKeys dataKeys;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ErasureLedger ledger;

    @Autowired
    MovableClock clock;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    RotationProperties rotation;

    @Test
    void generatesEachEpochsKekInTheToken_andOneNodeOfTwoRotatesAndDestroys() throws Exception {
        String first = PREFIX + "1";
        String second = PREFIX + "2";
        assertThat(keks.currentKekId()).as("generated in the token at the first start").isEqualTo(first);
        assertThat(onToken()).containsExactly(first);
        List<SealingKey> keys = IntStream.range(0, 120)
                .mapToObj(i -> dataKeys.keyForSealing(UUID.randomUUID(), DataClass.CONTACT)).toList();
        Map<String, Object> copiedBeforeRotation = jdbc.queryForMap(
                "SELECT kek_id, wrapped_key FROM vault.data_key WHERE subject_id = ? AND data_class = 'CONTACT'",
                keys.get(0).reference().subjectId());
        assertThat(copiedBeforeRotation.get("kek_id")).isEqualTo(first);
        Pkcs11KeyEncryptionKeys otherNodeKeks = Pkcs11KeyEncryptionKeys.open(SoftHsm.versionedSettings(PREFIX), null);
        KeyRotations otherNodeRotations = new KeyRotations(jdbc, new TransactionTemplate(transactionManager),
                otherNodeKeks, 50, rotation, clock, new SimpleMeterRegistry());
        KekEpochs otherNode = new KekEpochs(jdbc, new TransactionTemplate(transactionManager), otherNodeKeks,
                otherNodeRotations, ledger, rotation, clock, new EpochLock(jdbc, "other-node"));

        clock.advance(Duration.ofDays(7).plusMinutes(1));
        List<Optional<KeyRotations.KeyRotation>> started = race(epochs::rotateIfDue, otherNode::rotateIfDue);

        assertThat(started.stream().filter(Optional::isPresent).count()).as("rotations started").isEqualTo(1);
        assertThat(onToken()).as("one new version, in the token").containsExactly(first, second);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM vault.key_rotation", Integer.class)).isEqualTo(1);
        assertThat(epochs.epochs()).extracting(KekEpochs.Epoch::kekId).containsExactly(first, second);
        assertThat(Pkcs11KeyEncryptionKeys.open(SoftHsm.settings(List.of(second)), second).heldKekIds())
                .as("a fresh login finds it, and open() refuses an extractable key").containsExactly(second);
        UUID rotationId = started.stream().flatMap(Optional::stream).findFirst().orElseThrow().rotationId();
        await().atMost(Duration.ofSeconds(60)).until(() -> state(rotationId) == KeyRotations.State.COMPLETED);
        assertThat(epochs.rotateIfDue()).as("nothing due at the next check").isEmpty();
        assertThat(otherNode.rotateIfDue()).isEmpty();
        assertThat(keks.currentKekId()).as("both nodes wrap new keys under the new version").isEqualTo(second);
        assertThat(otherNodeKeks.currentKekId()).isEqualTo(second);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM vault.data_key WHERE kek_id = ?", Long.class, first))
                .isZero();
        Map<KeyReference, KeyState> states = dataKeys.keysForUnsealing(
                keys.stream().map(SealingKey::reference).toList());
        for (SealingKey key : keys) {
            assertThat(((KeyState.Live) states.get(key.reference())).key().getEncoded())
                    .isEqualTo(key.key().getEncoded());
        }
        KekEpochs.Epoch retired = epochs.epoch(first).orElseThrow();
        assertThat(retired.destroyAfter()).isEqualTo(retired.retiredAt().plus(Duration.ofDays(30)));
        assertThat(race(epochs::destroyDue, otherNode::destroyDue)).as("not due yet").allMatch(List::isEmpty);
        assertThat(onToken()).contains(first);

        clock.advance(Duration.ofDays(30).plusMinutes(1));
        List<List<String>> destroyed = race(epochs::destroyDue, otherNode::destroyDue);

        assertThat(destroyed.stream().flatMap(List::stream).toList()).as("destroyed once, by one node")
                .containsExactly(first);
        assertThat(onToken()).as("deleted from the token").containsExactly(second);
        assertThat(epochs.destroyDue()).as("nothing left at the next check").isEmpty();
        assertThat(otherNode.destroyDue()).isEmpty();
        assertThat(keks.heldKekIds()).as("neither node holds it any more").containsExactly(second);
        assertThat(otherNodeKeks.heldKekIds()).containsExactly(second);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit.kek_destruction WHERE kek_id = ?", Integer.class,
                first)).isEqualTo(1);
        List<String> kekEntries = new ArrayList<>();
        ledger.forEach(entry -> {
            if (entry.kind() == ErasureLedger.Kind.KEK) {
                kekEntries.add(entry.kekId());
            }
        });
        assertThat(kekEntries).containsExactly(first);
        assertThat(epochs.overdue()).isEmpty();
        WrappedKey stale = new WrappedKey(first, (byte[]) copiedBeforeRotation.get("wrapped_key"));
        Pkcs11KeyEncryptionKeys everythingOnTheToken =
                Pkcs11KeyEncryptionKeys.open(SoftHsm.versionedSettings(PREFIX), null);
        assertThatThrownBy(() -> everythingOnTheToken.unwrap(stale,
                DataKeys.associatedData(keys.get(0).reference()))).isInstanceOf(IllegalStateException.class);
        otherNodeRotations.destroy();
    }

    private KeyRotations.State state(UUID rotationId) {
        return rotations.find(rotationId).orElseThrow().state();
    }

    /** The labels of this installation's versions on the token, from a fresh login. */
    private static Set<String> onToken() {
        return Pkcs11KeyEncryptionKeys.labelsOnToken(SoftHsm.settings(List.of())).stream()
                .filter(label -> label.startsWith(PREFIX)).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Runs both at the same moment, as two nodes' schedules would; returns both results. */
    @SafeVarargs
    private static <T> List<T> race(Callable<T>... nodes) throws Exception {
        CyclicBarrier start = new CyclicBarrier(nodes.length);
        ExecutorService threads = Executors.newFixedThreadPool(nodes.length);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> node : nodes) {
                futures.add(threads.submit(() -> {
                    start.await();
                    return node.call();
                }));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }
}
