package org.mincard.application.oversight;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@OversightTest
class ChainTamperingIT {

    @Autowired
    Checkpoints checkpoints;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Environment environment;
    @Autowired
    ChainVerifier verifier;

    private String stream;
    private String table;

    /** Each test tampers with its own chained table, registered the way retention's tables will be. */
    @BeforeEach
    void registerStream() {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        stream = "test-" + suffix;
        table = "audit.test_" + suffix;
        Superuser.execute(environment,
                "CREATE TABLE " + table + " (entry_id bigserial PRIMARY KEY, occurred_at timestamptz NOT NULL,"
                        + " case_id uuid, code varchar(32) NOT NULL)",
                "SELECT audit.register_chained_stream('" + stream + "', '" + table + "', 'entry_id',"
                        + " ARRAY['occurred_at', 'case_id', 'code'])");
        for (int i = 1; i <= 10; i++) {
            jdbc.update("INSERT INTO " + table + " (occurred_at, case_id, code) VALUES (now(), ?, ?)",
                    UUID.randomUUID(), "CODE_" + i);
        }
    }

    @Test
    void verifies_whenNothingWasTouched() {
        Checkpoints.Signed checkpoint = checkpoints.take();

        ChainVerifier.StreamResult result = verify(checkpoint);

        assertThat(result.findings()).isEmpty();
        assertThat(result.linked()).isEqualTo(10);
        assertThat(checkpoint.checkpoint().head(stream).count()).isEqualTo(10);
    }

    @Test
    void reportsTheEditedRecord_whenARowWasEdited() {
        Checkpoints.Signed checkpoint = checkpoints.take();

        Superuser.execute(environment, "UPDATE " + table + " SET code = 'FORGED' WHERE entry_id = 4");

        assertThat(verify(checkpoint).findings()).extracting(ChainVerifier.Finding::kind,
                ChainVerifier.Finding::position, ChainVerifier.Finding::recordId)
                .containsExactly(Tuple.tuple(ChainVerifier.Kind.EDITED, 4L, 4L));
    }

    @Test
    void reportsTheDeletedRecord_whenARowWasDeleted() {
        Checkpoints.Signed checkpoint = checkpoints.take();

        Superuser.execute(environment, "DELETE FROM " + table + " WHERE entry_id = 6");

        assertThat(verify(checkpoint).findings()).extracting(ChainVerifier.Finding::kind,
                ChainVerifier.Finding::position).containsExactly(
                Tuple.tuple(ChainVerifier.Kind.DELETED, 6L));
    }

    @Test
    void reportsTheGap_whenARowAndItsLinkWereDeleted() {
        Checkpoints.Signed checkpoint = checkpoints.take();

        Superuser.execute(environment, "DELETE FROM " + table + " WHERE entry_id = 6",
                "DELETE FROM audit.chain_link WHERE stream = '" + stream + "' AND record_id = 6");

        assertThat(verify(checkpoint).findings()).extracting(ChainVerifier.Finding::kind)
                .contains(ChainVerifier.Kind.DELETED, ChainVerifier.Kind.LINK_BROKEN);
    }

    @Test
    void reportsTheInsertedRecord_whenARowWasInsertedIntoTheLinkedRange() {
        Checkpoints.Signed checkpoint = checkpoints.take();

        Superuser.execute(environment, "INSERT INTO " + table + " (entry_id, occurred_at, case_id, code)"
                + " VALUES (0, now(), NULL, 'BACKDATED')");

        assertThat(verify(checkpoint).findings()).extracting(ChainVerifier.Finding::kind,
                ChainVerifier.Finding::recordId).containsExactly(
                Tuple.tuple(ChainVerifier.Kind.INSERTED, 0L));
    }

    @Test
    void reportsBothRecords_whenTwoRowsWereSwapped() {
        Checkpoints.Signed checkpoint = checkpoints.take();

        Superuser.execute(environment,
                "UPDATE " + table + " SET entry_id = -1 WHERE entry_id = 2",
                "UPDATE " + table + " SET entry_id = 2 WHERE entry_id = 3",
                "UPDATE " + table + " SET entry_id = 3 WHERE entry_id = -1");

        assertThat(verify(checkpoint).findings()).extracting(ChainVerifier.Finding::kind,
                ChainVerifier.Finding::position).containsExactly(
                Tuple.tuple(ChainVerifier.Kind.EDITED, 2L),
                Tuple.tuple(ChainVerifier.Kind.EDITED, 3L));
    }

    @Test
    void reportsTheCheckpointMismatch_whenTheChainWasRecomputedAfterAnEdit() {
        Checkpoints.Signed checkpoint = checkpoints.take();

        Superuser.execute(environment, "UPDATE " + table + " SET code = 'FORGED' WHERE entry_id = 4",
                "DELETE FROM audit.chain_link WHERE stream = '" + stream + "'");
        checkpoints.take();

        ChainVerifier.StreamResult result = verify(checkpoint);
        assertThat(result.findings()).extracting(ChainVerifier.Finding::kind, ChainVerifier.Finding::position)
                .containsExactly(Tuple.tuple(ChainVerifier.Kind.CHECKPOINT_MISMATCH, 10L));
    }

    @Test
    void reportsTheShortenedChain_whenTheNewestRowsAndLinksWereDeleted() {
        Checkpoints.Signed checkpoint = checkpoints.take();

        Superuser.execute(environment, "DELETE FROM " + table + " WHERE entry_id > 8",
                "DELETE FROM audit.chain_link WHERE stream = '" + stream + "' AND record_id > 8");

        assertThat(verify(checkpoint).findings()).extracting(ChainVerifier.Finding::kind)
                .containsExactly(ChainVerifier.Kind.CHECKPOINT_MISMATCH);
    }

    @Test
    void refusesChanges_whenTheApplicationRoleUpdatesOrDeletesChainedRows() {
        checkpoints.take();
        assertThat(jdbc.queryForObject("SELECT current_user", String.class)).isEqualTo("mincard_app");

        for (String sql : List.of("UPDATE " + table + " SET code = 'X'", "DELETE FROM " + table,
                "TRUNCATE " + table, "UPDATE audit.access_record SET outcome = 'SHOWN'",
                "DELETE FROM audit.access_record", "TRUNCATE audit.access_record",
                "UPDATE audit.legal_hold_entry SET hold_id = hold_id", "DELETE FROM audit.legal_hold_entry",
                "UPDATE audit.search_record SET matches = 0", "DELETE FROM audit.search_record",
                "UPDATE audit.request_register_entry SET decision = 'FULL'", "DELETE FROM audit.request_register_entry",
                "UPDATE retention.manifest SET signature = signature", "DELETE FROM retention.manifest",
                "UPDATE audit.chain_link SET hash = hash", "DELETE FROM audit.chain_link",
                "DELETE FROM audit.checkpoint", "DELETE FROM audit.chained_stream")) {
            assertThatThrownBy(() -> jdbc.execute(sql)).as(sql).rootCause()
                    .hasMessageContaining("permission denied");
        }
    }

    @Test
    void detectsAnEditOfTheAccessLog_andVerifiesAgain_whenItIsUndone() {
        jdbc.update("""
                INSERT INTO audit.access_record (occurred_at, actor_id, actor_role, subject_id, data_class, purpose,
                                                 outcome) VALUES (now(), 'clerk-a', 'CLERK', ?, 'CONTACT', 'CASE_WORK',
                                                 'SHOWN')""", UUID.randomUUID());
        Checkpoints.Signed checkpoint = checkpoints.take();
        long id = jdbc.queryForObject("SELECT max(access_id) FROM audit.access_record", Long.class);

        Superuser.execute(environment, "UPDATE audit.access_record SET actor_id = 'someone-else' WHERE access_id = " + id);
        List<ChainVerifier.Finding> tampered = result(checkpoints.verify(checkpoint.payload(), checkpoint.signature(),
                "test"), "access-log").findings();
        Superuser.execute(environment, "UPDATE audit.access_record SET actor_id = 'clerk-a' WHERE access_id = " + id);
        Checkpoints.VerificationReport restored = checkpoints.verify(checkpoint.payload(), checkpoint.signature(),
                "test");

        assertThat(tampered).extracting(ChainVerifier.Finding::kind, ChainVerifier.Finding::recordId)
                .containsExactly(Tuple.tuple(ChainVerifier.Kind.EDITED, id));
        assertThat(result(restored, "access-log").findings()).isEmpty();
        assertThat(restored.signatureValid()).isTrue();
    }

    @Test
    void reportsFindingsAtSliceBoundaries_whenALongChainIsWalkedInParallel() {
        Checkpoints.Signed checkpoint = checkpoints.take();
        ChainVerifier.StreamResult untouched;
        ChainVerifier.StreamResult tampered;

        verifier.minSlice = 2;
        try {
            untouched = verify(checkpoint);
            Superuser.execute(environment, "UPDATE " + table + " SET code = 'FORGED' WHERE entry_id = 2",
                    "DELETE FROM audit.chain_link WHERE stream = '" + stream + "' AND record_id = 6");
            tampered = verify(checkpoint);
        } finally {
            verifier.minSlice = 100_000;
        }

        assertThat(untouched.findings()).isEmpty();
        assertThat(untouched.linked()).isEqualTo(10);
        assertThat(tampered.findings()).extracting(ChainVerifier.Finding::kind)
                .contains(ChainVerifier.Kind.EDITED, ChainVerifier.Kind.DELETED, ChainVerifier.Kind.INSERTED);
    }

    private ChainVerifier.StreamResult verify(Checkpoints.Signed checkpoint) {
        return result(checkpoints.verify(checkpoint.payload(), checkpoint.signature(), "test"), stream);
    }

    private static ChainVerifier.StreamResult result(Checkpoints.VerificationReport report, String stream) {
        return report.streams().stream().filter(r -> r.stream().equals(stream)).findFirst().orElseThrow();
    }
}
