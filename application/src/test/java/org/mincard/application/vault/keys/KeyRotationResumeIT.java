package org.mincard.application.vault.keys;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.mincard.application.vault.ErasureLedger;
import org.mincard.domain.personaldata.DataClass;
import org.mincard.domain.personaldata.KeyReference;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.crypto.spec.SecretKeySpec;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A rotation cut off mid-way (its node died after some batches: the row stays RUNNING with a cursor and an old
 * heartbeat) is taken over and finishes: every live key ends under the current KEK and still opens, progress
 * continues from where it stopped, and the gauges show it.
 */
@SpringBootTest(properties = {
        "mincard.vault.kek.keys.old.value=" + KeyRotationIT.OLD_KEK,
        "mincard.vault.kek.keys.new.value=" + KeyRotationIT.NEW_KEK,
        "mincard.vault.kek.current-id=new",
        "mincard.vault.keys.rotation-batch-size=100",
        "mincard.vault.rotation.scheduled=false"})
class KeyRotationResumeIT {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Clock clock;

    @Autowired
    ErasureLedger ledger;

    @Autowired
    KeyRotations rotations;

    @Autowired
    DataKeys dataKeys;

    @Autowired
    MeterRegistry meters;

    @Test
    void finishesFromItsCursor_whenARotationWasInterruptedByACrash() {
        LocalKeyEncryptionKeys both = new LocalKeyEncryptionKeys(Map.of(
                "old", new SecretKeySpec(Base64.getDecoder().decode(KeyRotationIT.OLD_KEK), "AES"),
                "new", new SecretKeySpec(Base64.getDecoder().decode(KeyRotationIT.NEW_KEK), "AES")), "new");
        DataKeys beforeRotation = new DataKeys(jdbc, new LocalKeyEncryptionKeys(Map.of(
                "old", new SecretKeySpec(Base64.getDecoder().decode(KeyRotationIT.OLD_KEK), "AES")), "old"),
                new DataKeyCache(0), clock, ledger);
        List<KeyReference> references = IntStream.range(0, 350)
                .mapToObj(i -> beforeRotation.keyForSealing(UUID.randomUUID(), DataClass.CONTACT).reference())
                .toList();
        UUID crashed = UUID.randomUUID();
        List<Map<String, Object>> first = jdbc.queryForList("""
                SELECT subject_id, data_class, key_version, wrapped_key FROM vault.data_key
                ORDER BY subject_id, data_class, key_version LIMIT 120""");
        for (Map<String, Object> row : first) {
            KeyReference reference = new KeyReference((UUID) row.get("subject_id"),
                    DataClass.valueOf((String) row.get("data_class")), (Integer) row.get("key_version"));
            byte[] key = both.unwrap(new WrappedKey("old", (byte[]) row.get("wrapped_key")),
                    DataKeys.associatedData(reference));
            WrappedKey rewrapped = both.wrap(key, DataKeys.associatedData(reference));
            jdbc.update("""
                    UPDATE vault.data_key SET kek_id = ?, wrapped_key = ?
                    WHERE subject_id = ? AND data_class = ? AND key_version = ?""", rewrapped.kekId(),
                    rewrapped.bytes(), reference.subjectId(), reference.dataClass().name(), reference.keyVersion());
        }
        Map<String, Object> cursor = first.get(first.size() - 1);
        Timestamp hourAgo = Timestamp.from(clock.instant().minus(Duration.ofHours(1)));
        jdbc.update("""
                INSERT INTO vault.key_rotation (rotation_id, target_kek_id, state, total, done, started_by, started_at,
                    heartbeat_at, cursor_subject_id, cursor_data_class, cursor_key_version)
                VALUES (?, 'new', 'RUNNING', 350, 120, 'scheduled', ?, ?, ?, ?, ?)""",
                crashed, hourAgo, hourAgo, cursor.get("subject_id"), cursor.get("data_class"),
                cursor.get("key_version"));

        assertThat(rotations.resumeInterrupted(false)).contains(crashed);

        await().atMost(Duration.ofSeconds(30)).until(() ->
                rotations.find(crashed).orElseThrow().state() == KeyRotations.State.COMPLETED);
        KeyRotations.KeyRotation done = rotations.find(crashed).orElseThrow();
        assertThat(done.done()).isEqualTo(350);
        assertThat(done.remaining()).isZero();
        assertThat(meters.get("mincard.vault.rotation.done").gauge().value()).isEqualTo(350);
        assertThat(meters.get("mincard.vault.rotation.planned").gauge().value()).isEqualTo(350);
        assertThat(dataKeys.keysForUnsealing(references).values()).hasSize(350)
                .allMatch(KeyState.Live.class::isInstance);
    }
}
