package org.mincard.application.vault.keys;

import org.junit.jupiter.api.Test;
import org.mincard.application.vault.ErasureLedger;
import org.mincard.application.vault.PurgeReference;
import org.mincard.domain.personaldata.DataClass;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The erasure fence reads the ledger from the mark it stored in the database (ADR 0017): a restored database brings
 * its older mark and gets the keys destroyed since then destroyed again; an edited mark makes it read everything; a
 * ledger that lost the marked entry stops the start.
 */
@SpringBootTest(properties = "mincard.vault.rotation.scheduled=false")
class ErasureFenceMarkIT {

    private static final Path LEDGER = Path.of("target", "fence-mark", UUID.randomUUID().toString(),
            "erasure-ledger.txt");

    @DynamicPropertySource
    static void ownLedger(DynamicPropertyRegistry registry) {
        registry.add("mincard.vault.erasure-ledger.path", LEDGER::toString);
    }

    @Autowired
    ErasureFence fence;

    @Autowired
    DataKeys dataKeys;

    @Autowired
    ErasureLedger ledger;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void readsTheLedgerFromTheRestoredMark_readsItAllWhenTheMarkWasEdited_andStopsWhenTheLedgerLostIt()
            throws Exception {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        dataKeys.keyForSealing(first, DataClass.CONTACT);
        dataKeys.keyForSealing(second, DataClass.CONTACT);
        long before = ledger.head().sequence();
        dataKeys.destroyKeys(first, DataClass.CONTACT, new PurgeReference(UUID.randomUUID(), "test-rule"));
        fence.afterSingletonsInstantiated();
        Map<String, Object> backedUpMark = jdbc.queryForMap("SELECT * FROM vault.erasure_fence_mark");
        byte[] backedUpKey = jdbc.queryForObject(
                "SELECT wrapped_key FROM vault.data_key WHERE subject_id = ?", byte[].class, second);
        assertThat(backedUpMark.get("sequence")).isEqualTo(before + 1);
        dataKeys.destroyKeys(second, DataClass.CONTACT, new PurgeReference(UUID.randomUUID(), "test-rule"));

        restore(second, backedUpKey, backedUpMark);
        fence.afterSingletonsInstantiated();

        assertThat(live(second)).as("destroyed again, from the restored mark on").isFalse();
        assertThat(replays(second)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT sequence FROM vault.erasure_fence_mark", Long.class))
                .isEqualTo(before + 2);

        Map<String, Object> currentMark = jdbc.queryForMap("SELECT * FROM vault.erasure_fence_mark");
        restore(second, backedUpKey, currentMark);
        jdbc.update("UPDATE vault.erasure_fence_mark SET sequence = sequence + 1");
        fence.afterSingletonsInstantiated();

        assertThat(live(second)).as("an edited mark does not open: the whole ledger is read").isFalse();
        assertThat(replays(second)).isEqualTo(2);

        List<String> lines = Files.readAllLines(LEDGER);
        Files.writeString(LEDGER, String.join("\n", lines.subList(0, lines.size() - 1)) + "\n");
        try {
            assertThatThrownBy(fence::afterSingletonsInstantiated)
                    .isInstanceOf(ErasureLedger.MarkMismatch.class)
                    .hasMessageContaining("does not hold entry " + (before + 2));
        } finally {
            Files.writeString(LEDGER, String.join("\n", lines) + "\n");
        }
    }

    /** Puts a backup's state back: the key live again and the backup's fence mark. */
    private void restore(UUID subject, byte[] wrappedKey, Map<String, Object> mark) {
        jdbc.update("""
                UPDATE vault.data_key SET wrapped_key = ?, destroyed_at = NULL, purge_sweep_id = NULL,
                    purge_rule_id = NULL WHERE subject_id = ?""", wrappedKey, subject);
        jdbc.update("""
                UPDATE vault.erasure_fence_mark SET sequence = ?, entry_hash = ?, byte_offset = ?, kek_id = ?, seal = ?
                WHERE mark_id = 1""", mark.get("sequence"), mark.get("entry_hash"), mark.get("byte_offset"),
                mark.get("kek_id"), mark.get("seal"));
        assertThat(live(subject)).isTrue();
    }

    private boolean live(UUID subject) {
        return jdbc.queryForObject("SELECT wrapped_key IS NOT NULL FROM vault.data_key WHERE subject_id = ?",
                Boolean.class, subject);
    }

    private int replays(UUID subject) {
        return jdbc.queryForObject("SELECT count(*) FROM audit.erasure_replay WHERE subject_id = ?", Integer.class,
                subject);
    }
}
