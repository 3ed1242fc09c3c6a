package org.mincard.application.oversight;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Re-walks a chain in id order: recomputes every link from its row, checks that each link names its predecessor's
 * hash and the next position, reports rows without a link inside the linked range (inserted) and links without a
 * row (deleted), and compares the chain with a checkpoint's head. A superuser who edits a row and recomputes every
 * later hash keeps the chain consistent, but not the checkpoint's head: that is what the auditor's copy is for.
 *
 * <p>Every link can be checked on its own (it stores its predecessor's hash), so a long chain is walked in id slices
 * on parallel connections and the slices' boundaries are checked afterwards.
 */
@Component
class ChainVerifier {

    static final int MAX_FINDINGS = 1000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final int parallelism;
    /** Rows per slice at least; below this a chain is walked on one connection. Tests lower it. */
    long minSlice = 100_000;

    ChainVerifier(DataSource dataSource, TransactionTemplate transaction, OversightProperties properties) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(5_000);
        this.transaction = transaction;
        this.parallelism = properties.chain().verifyParallelism();
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
        // Rows after the last link present now are pending: links added meanwhile are not this walk's business.
        Long head = jdbc.queryForObject("SELECT max(record_id) FROM audit.chain_link WHERE stream = ?", Long.class,
                stream.stream());
        Long low = jdbc.queryForObject("SELECT least((SELECT min(record_id) FROM audit.chain_link WHERE stream = ?),"
                + " (SELECT min(" + stream.idColumn() + ") FROM " + stream.tableName() + "))", Long.class,
                stream.stream());
        long pending = jdbc.queryForObject("SELECT count(*) FROM " + stream.tableName() + " WHERE "
                + stream.idColumn() + " > ?", Long.class, head == null ? Long.MIN_VALUE : head);
        if (head == null || low == null) {
            Walk empty = new Walk(expected, true, stream.stream());
            return merge(stream, expected, List.of(empty), pending);
        }
        int slices = (int) Math.max(1, Math.min(parallelism, (head - low + 1) / minSlice));
        long step = (head - low + slices) / slices;
        List<long[]> bounds = new ArrayList<>();
        for (int i = 0; i < slices; i++) {
            long from = low + i * step;
            bounds.add(new long[]{from, i == slices - 1 ? head : Math.min(head, from + step - 1)});
        }
        List<Walk> walks;
        if (slices == 1) {
            walks = List.of(walk(stream, expected, true, bounds.get(0)));
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(slices);
            try {
                List<CompletableFuture<Walk>> futures = new ArrayList<>();
                for (int i = 0; i < slices; i++) {
                    boolean first = i == 0;
                    long[] range = bounds.get(i);
                    futures.add(CompletableFuture.supplyAsync(() -> walk(stream, expected, first, range), pool));
                }
                walks = futures.stream().map(CompletableFuture::join).toList();
            } finally {
                pool.shutdown();
            }
        }
        return merge(stream, expected, walks, pending);
    }

    /**
     * PostgreSQL recomputes every link (sha256 over the canonical encoding) and compares it with the stored hash and
     * the predecessor's; only flags, ids, positions and the hashes the merge needs travel to Java.
     */
    private Walk walk(ChainedStream stream, Checkpoint.Head expected, boolean first, long[] range) {
        return transaction.execute(status -> {
            jdbc.execute("SET LOCAL TimeZone = 'UTC'");
            Walk walk = new Walk(expected, first, stream.stream());
            String id = stream.idColumn();
            // Links in id order (the primary key's order: no sort), each joined to its row; then the rows in the
            // range that have no link. A FULL JOIN in one query would sort a million rows twice.
            String links = """
                    WITH l AS (
                        SELECT record_id, position, prev_hash, hash,
                               prev_hash = lag(hash) OVER w AS prev_ok,
                               lag(record_id) OVER w IS NULL AS is_first,
                               lead(record_id) OVER w IS NULL AS is_last
                        FROM audit.chain_link WHERE stream = ? AND record_id BETWEEN ? AND ?
                        WINDOW w AS (ORDER BY record_id))
                    SELECT l.record_id, l.position, l.prev_ok,
                           CASE WHEN l.is_first THEN l.prev_hash END,
                           CASE WHEN l.is_last OR l.position = ? THEN l.hash END,
                           s.%1$s,
                           l.hash = sha256(l.prev_hash || %2$s)
                    FROM l LEFT JOIN %3$s s ON s.%1$s = l.record_id
                    ORDER BY l.record_id""".formatted(id, stream.encodingSql("s"), stream.tableName());
            jdbc.query(links, walk::row, stream.stream(), range[0], range[1],
                    expected == null ? -1L : expected.count());
            jdbc.query("SELECT s." + id + " FROM " + stream.tableName() + " s WHERE s." + id + " BETWEEN ? AND ?"
                    + " AND NOT EXISTS (SELECT 1 FROM audit.chain_link l WHERE l.stream = ? AND l.record_id = s."
                    + id + ") ORDER BY s." + id, row -> {
                walk.unlinked.add(row.getLong(1));
            }, range[0], range[1], stream.stream());
            return walk;
        });
    }

    private static StreamResult merge(ChainedStream stream, Checkpoint.Head expected, List<Walk> walks,
                                      long pending) {
        Findings findings = new Findings(stream.stream());
        Walk previous = null;
        boolean checkpointSeen = false;
        long linked = 0;
        for (Walk walk : walks) {
            if (walk.firstPosition != null && previous != null && previous.lastPosition != null) {
                if (walk.firstPosition != previous.lastPosition + 1) {
                    findings.add(Kind.DELETED, previous.lastPosition + 1, null, "links " + (previous.lastPosition + 1)
                            + " to " + (walk.firstPosition - 1) + " are missing");
                }
                if (!Arrays.equals(walk.firstPrev, previous.lastHash)) {
                    findings.add(Kind.LINK_BROKEN, walk.firstPosition, walk.firstRecordId,
                            "does not name the previous link's hash");
                }
            }
            findings.addAll(walk.findings);
            checkpointSeen |= walk.checkpointSeen;
            linked += walk.linked;
            if (walk.lastPosition != null) {
                previous = walk;
            }
        }
        Long headRecordId = previous == null ? null : previous.headRecordId;
        for (Walk walk : walks) {
            for (long id : walk.unlinked) {
                findings.add(Kind.INSERTED, null, id, "a row inside the linked range has no link");
            }
        }
        if (expected != null && expected.count() > 0 && !checkpointSeen) {
            findings.add(Kind.CHECKPOINT_MISMATCH, expected.count(), expected.headRecordId(),
                    "the chain is shorter than the checkpoint (" + linked + " links)");
        }
        return new StreamResult(stream.stream(), linked, pending,
                previous == null ? null : ChainHash.hex(previous.lastHash), headRecordId, findings.count,
                List.copyOf(findings.list));
    }

    private static final class Findings {
        private final String stream;
        private final List<Finding> list = new ArrayList<>();
        private long count;

        Findings(String stream) {
            this.stream = stream;
        }

        void add(Kind kind, Long position, Long recordId, String detail) {
            count++;
            if (list.size() < MAX_FINDINGS) {
                list.add(new Finding(stream, kind, position, recordId, detail));
            }
        }

        void addAll(Findings other) {
            count += other.count;
            for (Finding finding : other.list) {
                if (list.size() < MAX_FINDINGS) {
                    list.add(finding);
                }
            }
        }
    }

    /** One slice's walk; a slice after the first leaves its first link's predecessor to the merge. */
    private static final class Walk {
        private final Checkpoint.Head expected;
        private final Findings findings;
        private final List<Long> unlinked = new ArrayList<>();
        private final boolean first;
        private Long expectedPosition;
        private long linked;
        private Long headRecordId;
        private boolean checkpointSeen;
        private Long firstPosition;
        private Long firstRecordId;
        private byte[] firstPrev;
        private Long lastPosition;
        private byte[] lastHash;

        Walk(Checkpoint.Head expected, boolean first, String stream) {
            this.expected = expected;
            this.first = first;
            this.findings = new Findings(stream);
            if (first) {
                expectedPosition = 1L;
            }
        }

        void row(ResultSet row) throws SQLException {
            long linkedId = row.getLong(1);
            row.getLong(6);
            boolean hasRecord = !row.wasNull();
            long position = row.getLong(2);
            boolean prevOk = row.getBoolean(3);
            boolean isFirst = row.wasNull();
            byte[] hash = row.getBytes(5);
            if (firstPosition == null) {
                firstPosition = position;
                firstRecordId = linkedId;
                firstPrev = row.getBytes(4);
                if (first && !Arrays.equals(firstPrev, ChainHash.GENESIS)) {
                    findings.add(Kind.LINK_BROKEN, position, linkedId, "the first link does not start the chain");
                }
            } else if (!isFirst && !prevOk) {
                findings.add(Kind.LINK_BROKEN, position, linkedId, "does not name the previous link's hash");
            }
            if (expectedPosition != null) {
                if (position > expectedPosition) {
                    findings.add(Kind.DELETED, expectedPosition, null, "links " + expectedPosition + " to "
                            + (position - 1) + " are missing");
                } else if (position < expectedPosition) {
                    findings.add(Kind.LINK_BROKEN, position, linkedId, "position repeats or goes back");
                }
            }
            if (!hasRecord) {
                findings.add(Kind.DELETED, position, linkedId, "the linked row is gone");
            } else if (!row.getBoolean(7)) {
                findings.add(Kind.EDITED, position, linkedId, "the row does not match its link");
            }
            if (expected != null && position == expected.count()) {
                checkpointSeen = true;
                if (!ChainHash.hex(hash).equals(expected.headHash())) {
                    findings.add(Kind.CHECKPOINT_MISMATCH, position, linkedId,
                            "the chain up to this position differs from the checkpoint: rows before it were changed"
                                    + " and the chain recomputed");
                }
            }
            expectedPosition = position + 1;
            lastPosition = position;
            if (hash != null) {
                lastHash = hash;
            }
            linked++;
            headRecordId = linkedId;
        }
    }
}
