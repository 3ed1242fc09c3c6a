package org.mincard.application.migration;

import org.mincard.application.retention.PurgeListener;
import org.mincard.application.retention.PurgedItem;
import org.mincard.application.vault.BlindIndex;
import org.mincard.domain.personaldata.DataClass;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.nio.ByteBuffer;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The keyed blind indexes of imported legacy references ({@code lookup.legacy_reference}): what makes an import
 * idempotent. A purged card record clears the link to its case and cardholder but keeps the index, so the same file
 * imported again skips the person instead of bringing them back.
 */
@Component
class LegacyReferences implements PurgeListener {

    private static final String DOMAIN = "legacy-reference";

    private final JdbcTemplate jdbc;
    private final BlindIndex blindIndex;

    LegacyReferences(JdbcTemplate jdbc, BlindIndex blindIndex) {
        this.jdbc = jdbc;
        this.blindIndex = blindIndex;
    }

    /** One imported person's reference index and what it now names. */
    record Imported(byte[] referenceIndex, UUID caseId, UUID cardholderId) {
    }

    byte[] indexOf(String reference) {
        return blindIndex.of(DOMAIN, reference);
    }

    /** Which of these indexes were imported before (by any earlier run). */
    Set<ByteBuffer> known(List<byte[]> indexes) {
        Set<ByteBuffer> known = new HashSet<>();
        if (indexes.isEmpty()) {
            return known;
        }
        jdbc.query(connection -> {
            var statement = connection.prepareStatement(
                    "SELECT reference_index FROM lookup.legacy_reference WHERE reference_index = ANY (?)");
            statement.setArray(1, connection.createArrayOf("bytea", indexes.toArray(new byte[0][])));
            return statement;
        }, rs -> {
            known.add(ByteBuffer.wrap(rs.getBytes(1)));
        });
        return known;
    }

    /** Records the imported references in the caller's transaction; a clash with another run fails it. */
    void record(List<Imported> imported, Instant at) {
        List<Object[]> rows = new ArrayList<>(imported.size());
        Timestamp now = Timestamp.from(at);
        for (Imported one : imported) {
            rows.add(new Object[] {one.referenceIndex(), one.caseId(), one.cardholderId(), now});
        }
        jdbc.batchUpdate("INSERT INTO lookup.legacy_reference (reference_index, case_id, cardholder_id, imported_at)"
                + " VALUES (?, ?, ?, ?)", rows);
    }

    @Override
    public void forget(List<PurgedItem> items) {
        UUID[] cardholders = items.stream().filter(item -> item.dataClass() == DataClass.CARD_RECORD)
                .map(PurgedItem::cardholderId).distinct().toArray(UUID[]::new);
        if (cardholders.length == 0) {
            return;
        }
        jdbc.update(connection -> {
            var statement = connection.prepareStatement("UPDATE lookup.legacy_reference SET case_id = NULL,"
                    + " cardholder_id = NULL WHERE cardholder_id = ANY (?)");
            statement.setArray(1, connection.createArrayOf("uuid", cardholders));
            return statement;
        });
    }
}
