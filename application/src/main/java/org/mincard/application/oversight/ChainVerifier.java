package org.mincard.application.oversight;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Re-walks a chain in id order: recomputes every link from its row, checks that each link names its predecessor's
 * hash and the next position, reports rows without a link inside the linked range (inserted) and links without a
 * row (deleted), and compares the chain with a checkpoint's head. A superuser who edits a row and recomputes every
 * later hash keeps the chain consistent, but not the checkpoint's head: that is what the auditor's copy is for.
 */
@Component
class ChainVerifier {

    static final int MAX_FINDINGS = 1000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    ChainVerifier(DataSource dataSource, TransactionTemplate transaction) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(5_000);
        this.transaction = transaction;
    }

    /** What a verification found in one stream. */
    record StreamResult(String stream, long linked, long pending, String headHash, Long headRecordId,
                        long findingCount, List<Finding> findings) {

        boolean intact() {
            return findingCount == 0;
        }
    }

    /** One discrepancy, located by chain position and row id (ids only, never row content). */
    record Finding(String stream, Kind kind, Long position, Long recordId, String detail) {
    }

    enum Kind {
        /** The row no longer matches the hash it was linked with. */
        EDITED,
        /** A linked row is gone, or links are missing before this position. */
        DELETED,
        /** A row sits inside the linked range without a link. */
        INSERTED,
        /** A link does not name its predecessor's hash. */
        LINK_BROKEN,
        /** The chain at the checkpoint's position differs from the checkpoint, or is shorter. */
        CHECKPOINT_MISMATCH
    }

    StreamResult verify(ChainedStream stream, Checkpoint.Head expected) {
        return transaction.execute(status -> walk(stream, expected));
    }

    private StreamResult walk(ChainedStream stream, Checkpoint.Head expected) {
        jdbc.execute("SET LOCAL TimeZone = 'UTC'");
        Walk walk = new Walk(stream, expected);
        String sql = "WITH l AS (SELECT record_id, position, prev_hash, hash FROM audit.chain_link WHERE stream = ?) "
                + stream.selectRows("l.record_id, l.position, l.prev_hash, l.hash, ", "s",
                "FULL JOIN l ON l.record_id = s." + stream.idColumn()
                        + " ORDER BY coalesce(l.record_id, s." + stream.idColumn() + ")");
        jdbc.query(sql, walk::row, stream.stream());
        return walk.finish();
    }

    private static final class Walk {
        private final ChainedStream stream;
        private final Checkpoint.Head expected;
        private final MessageDigest sha256 = ChainHash.sha256();
        private final List<Finding> findings = new ArrayList<>();
        private final List<Long> unlinked = new ArrayList<>();
        private long findingCount;
        private long expectedPosition = 1;
        private byte[] previous = ChainHash.GENESIS;
        private long linked;
        private Long headRecordId;
        private boolean checkpointSeen;

        Walk(ChainedStream stream, Checkpoint.Head expected) {
            this.stream = stream;
            this.expected = expected;
        }

        void row(java.sql.ResultSet row) throws java.sql.SQLException {
            long linkedId = row.getLong(1);
            boolean hasLink = !row.wasNull();
            long recordId = row.getLong(5);
            boolean hasRecord = !row.wasNull();
            if (!hasLink) {
                unlinked.add(recordId);
                return;
            }
            long position = row.getLong(2);
            byte[] prevHash = row.getBytes(3);
            byte[] hash = row.getBytes(4);
            if (position > expectedPosition) {
                add(Kind.DELETED, expectedPosition, null, "links " + expectedPosition + " to " + (position - 1)
                        + " are missing");
            } else if (position < expectedPosition) {
                add(Kind.LINK_BROKEN, position, linkedId, "position repeats or goes back");
            }
            if (!Arrays.equals(prevHash, previous)) {
                add(Kind.LINK_BROKEN, position, linkedId, "does not name the previous link's hash");
            }
            if (!hasRecord) {
                add(Kind.DELETED, position, linkedId, "the linked row is gone");
            } else {
                String[] values = new String[stream.columns().size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = row.getString(i + 6);
                }
                byte[] recomputed = ChainHash.link(sha256, prevHash,
                        ChainHash.encode(stream.stream(), recordId, stream.columns(), values));
                if (!Arrays.equals(recomputed, hash)) {
                    add(Kind.EDITED, position, linkedId, "the row does not match its link");
                }
            }
            if (expected != null && position == expected.count()) {
                checkpointSeen = true;
                if (!ChainHash.hex(hash).equals(expected.headHash())) {
                    add(Kind.CHECKPOINT_MISMATCH, position, linkedId,
                            "the chain up to this position differs from the checkpoint: rows before it were changed"
                                    + " and the chain recomputed");
                }
            }
            previous = hash;
            expectedPosition = position + 1;
            linked++;
            headRecordId = linkedId;
        }

        StreamResult finish() {
            long pending = 0;
            for (long id : unlinked) {
                if (headRecordId != null && id < headRecordId) {
                    add(Kind.INSERTED, null, id, "a row inside the linked range has no link");
                } else {
                    pending++;
                }
            }
            if (expected != null && expected.count() > 0 && !checkpointSeen) {
                add(Kind.CHECKPOINT_MISMATCH, expected.count(), expected.headRecordId(),
                        "the chain is shorter than the checkpoint (" + linked + " links)");
            }
            return new StreamResult(stream.stream(), linked, pending, linked == 0 ? null : ChainHash.hex(previous),
                    headRecordId, findingCount, List.copyOf(findings));
        }

        private void add(Kind kind, Long position, Long recordId, String detail) {
            findingCount++;
            if (findings.size() < MAX_FINDINGS) {
                findings.add(new Finding(stream.stream(), kind, position, recordId, detail));
            }
        }
    }
}
