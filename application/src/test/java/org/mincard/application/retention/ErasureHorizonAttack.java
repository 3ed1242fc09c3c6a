package org.mincard.application.retention;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.mincard.application.MovableClock;
import org.mincard.application.vault.ErasureLedger;
import org.mincard.application.vault.keys.KekEpochs;
import org.mincard.application.vault.keys.KeyEncryptionKeys;
import org.mincard.application.vault.keys.KeyRotations;
import org.mincard.domain.casefile.CaseSubmitted;
import org.mincard.domain.personaldata.DataClass;
import org.mincard.domain.personaldata.KeyReference;
import org.mincard.domain.personaldata.SealedValue;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The attacker of issue 14: a raw copy of the data directory (heap files and pg_wal) plus every KEK the installation
 * still holds. Before the erasure horizon the purged values are recoverable, exactly the items (and until the date)
 * the compliance check lists; after the old KEK version is destroyed on schedule, nothing is. One subclass per place
 * the KEKs live: the embedded key folder, and a PKCS#11 token (SoftHSM2).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "mincard.retention.compliance-grace=PT1H",
        "mincard.vault.rotation.scheduled=false",
        "mincard.vault.rotation.interval=P7D",
        "mincard.vault.rotation.backup-retention=P30D"})
@Import(ErasureHorizonAttack.ClockConfig.class)
abstract class ErasureHorizonAttack {

    /** Where this installation keeps its ledger (and key folder, if any), apart from the database. */
    abstract Path home();

    /** Every KEK the installation still holds, as the attacker finds them. */
    abstract List<RawCopyAttacker.Kek> keksStillHeld();

    /** The destroyed KEK is gone from where the installation kept it, as the attacker would look. */
    abstract void assertGoneFromItsStore(String kekId);

    @TestConfiguration
    static class ClockConfig {

        @Bean
        @Primary
        MovableClock testClock() {
            return new MovableClock(Instant.parse("2026-02-02T10:00:00Z"));
        }
    }

    @Autowired
    TestRestTemplate rest;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MovableClock clock;

    @Autowired
    EventStore eventStore;

    @Autowired
    Environment environment;

    @Autowired
    KekEpochs epochs;

    @Autowired
    KeyRotations rotations;

    @Autowired
    KeyEncryptionKeys keks;

    @Autowired
    ErasureLedger ledger;

    @Test
    @SuppressWarnings("unchecked")
    void recoversEveryPurgedValueBeforeTheHorizon_andNoneAfterTheOldKekIsDestroyed() throws Exception {
        Path home = home();
        String oldKek = keks.currentKekId();
        RetentionApi clerk = new RetentionApi(rest, "clerk-a");
        RetentionApi officer = clerk.as("records-officer");
        RetentionApi auditor = clerk.as("auditor");
        Map<UUID, String> canaryByCase = new LinkedHashMap<>();
        for (int i = 0; i < 3; i++) {
            String canary = "Canary" + UUID.randomUUID().toString().replace("-", "");
            Map<String, Object> application = new HashMap<>(RetentionApi.application("Ana " + canary));
            application.put("contact", Map.of("email", canary.toLowerCase() + "@example.org"));
            application.put("delivery", Map.of("careOf", canary, "street", "1 Main St", "city", "Chicago",
                    "postalCode", "60601"));
            UUID caseId = clerk.submit(application);
            clerk.act(caseId, "mark-no-show");
            clerk.awaitState(caseId, "NO_SHOW");
            canaryByCase.put(caseId, canary);
        }
        Map<UUID, UUID> holderByCase = new HashMap<>();
        canaryByCase.keySet().forEach(caseId -> holderByCase.put(caseId,
                UUID.fromString((String) clerk.get("/api/v1/cases/" + caseId).getBody().get("cardholderId"))));
        await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.queryForObject("""
                SELECT count(*) FROM retention.schedule_item WHERE cardholder_id = ANY (?::uuid[])
                  AND data_class IN ('CONTACT', 'DELIVERY')""", Integer.class,
                (Object) holderByCase.values().stream().map(UUID::toString).toArray(String[]::new)) == 6);

        // No-show: contact and delivery are due at once (the card record 30 days later, so it stays live).
        clock.advance(Duration.ofMinutes(1));
        Map<String, Object> sweep = officer.sweep();
        assertThat(sweep).containsEntry("purged", 6);
        Set<KeyReference> purged = new HashSet<>();
        holderByCase.values().forEach(holder -> {
            purged.add(new KeyReference(holder, DataClass.CONTACT, 1));
            purged.add(new KeyReference(holder, DataClass.DELIVERY, 1));
        });
        Set<KeyReference> inLedger = new HashSet<>();
        ledger.forEach(entry -> {
            if (entry.kind() == ErasureLedger.Kind.DATA_KEY) {
                inLedger.add(new KeyReference(entry.subjectId(), entry.dataClass(), entry.keyVersion()));
            }
        });
        assertThat(inLedger).containsExactlyInAnyOrderElementsOf(purged);

        // The epoch of the first KEK ends: the scheduled rotation makes a new version current and moves every live
        // key to it.
        clock.advance(Duration.ofDays(7));
        KeyRotations.KeyRotation rotation = epochs.rotateIfDue().orElseThrow();
        await().atMost(Duration.ofSeconds(30)).until(() ->
                rotations.find(rotation.rotationId()).orElseThrow().state() == KeyRotations.State.COMPLETED);
        String newKek = keks.currentKekId();
        assertThat(newKek).isNotEqualTo(oldKek);
        assertThat(keks.heldKekIds()).containsExactlyInAnyOrder(oldKek, newKek);
        Instant retiredAt = clock.instant();
        Instant horizon = retiredAt.plus(Duration.ofDays(30));

        // Before the horizon: the raw copy plus the held KEKs give back every purged value.
        RawCopyAttacker.Result before = RawCopyAttacker.attack(
                RawCopyAttacker.copyDataDirectory(environment, home.resolve("copy-before")), purged, keksStillHeld());
        assertThat(before.recovered().keySet()).containsExactlyInAnyOrderElementsOf(purged);
        assertThat(recoveredCanaries(before, canaryByCase, holderByCase)).hasSize(6);
        Map<String, Object> erasure = (Map<String, Object>) compliance(auditor).get("erasure");
        List<Map<String, Object>> pending = (List<Map<String, Object>>) erasure.get("notYetPastHorizon");
        assertThat(pending).extracting(item -> new KeyReference(UUID.fromString((String) item.get("subjectId")),
                DataClass.valueOf((String) item.get("dataClass")), ((Number) item.get("keyVersion")).intValue()))
                .containsExactlyInAnyOrderElementsOf(before.recovered().keySet());
        assertThat(pending).allSatisfy(item -> {
            assertThat(item).containsEntry("kekId", oldKek).containsEntry("passed", false);
            assertThat(Instant.parse((String) item.get("horizon"))).isEqualTo(horizon);
        });
        assertThat((List<Object>) erasure.get("overdueKeks")).isEmpty();

        // Past the backup-retention period the old KEK is overdue until the schedule destroys it.
        clock.advance(Duration.ofDays(30).plusMinutes(1));
        Map<String, Object> overdue = (Map<String, Object>) compliance(auditor).get("erasure");
        assertThat((List<Map<String, Object>>) overdue.get("overdueKeks")).extracting(k -> k.get("kekId"))
                .containsExactly(oldKek);
        assertThat(epochs.destroyDue()).containsExactly(oldKek);
        assertThat(keks.heldKekIds()).containsExactly(newKek);
        assertGoneFromItsStore(oldKek);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit.kek_destruction WHERE kek_id = ?",
                Integer.class, oldKek)).isEqualTo(1);

        RawCopyAttacker.Result after = RawCopyAttacker.attack(
                RawCopyAttacker.copyDataDirectory(environment, home.resolve("copy-after")), purged, keksStillHeld());
        assertThat(after.candidates()).as("wrapped copies of the purged keys are still in the files")
                .isGreaterThanOrEqualTo(purged.size());
        assertThat(after.recovered()).as("recovered after the horizon").isEmpty();
        Map<String, Object> past = (Map<String, Object>) compliance(auditor).get("erasure");
        assertThat((List<Object>) past.get("notYetPastHorizon")).isEmpty();
        assertThat((List<Object>) past.get("overdueKeks")).isEmpty();
        assertThat(((Number) past.get("keysPastHorizon")).intValue()).isEqualTo(6);
        assertThat(Files.readString(home.resolve("ledger/erasure-ledger.txt"))).contains("|KEK|-|-|0|" + oldKek + "|");
    }

    /** Opens the purged classes' sealed values of each case with the recovered keys; answers the canaries seen. */
    private List<String> recoveredCanaries(RawCopyAttacker.Result result, Map<UUID, String> canaryByCase,
                                           Map<UUID, UUID> holderByCase) {
        List<String> seen = new ArrayList<>();
        canaryByCase.forEach((caseId, canary) -> eventStore.readEvents(caseId.toString()).asStream()
                .map(DomainEventMessage::getPayload).filter(CaseSubmitted.class::isInstance)
                .map(CaseSubmitted.class::cast).forEach(submitted -> {
                    for (SealedValue value : List.of(submitted.contact(), submitted.delivery())) {
                        byte[] key = result.recovered().get(value.key());
                        String plaintext = key == null ? null
                                : RawCopyAttacker.open(key, value.key(), value.ciphertext());
                        if (plaintext != null && plaintext.toLowerCase().contains(canary.toLowerCase())) {
                            seen.add(value.key().dataClass() + " " + holderByCase.get(caseId));
                        }
                    }
                }));
        return seen;
    }

    private static Map<String, Object> compliance(RetentionApi auditor) {
        var report = auditor.get("/api/v1/retention/compliance");
        assertThat(report.getStatusCode().value()).isEqualTo(200);
        return report.getBody();
    }
}
