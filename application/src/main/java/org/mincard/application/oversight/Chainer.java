package org.mincard.application.oversight;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Links appended rows of every chained stream in id order, a batch per transaction, under a per-stream advisory lock
 * so that one node at a time extends a chain while writers only ever insert. Ids of concurrent inserts commit out of
 * order, so the chainer stops at a missing id and waits; an id still missing after the gap grace (a rolled-back
 * insert) is skipped for good, and a row that shows up there later is reported by verification as inserted.
 */
@Component
public class Chainer {

    private static final Logger LOG = LoggerFactory.getLogger(Chainer.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final ChainedStreams streams;
    private final OversightProperties.Chain settings;
    private final Clock clock;
    private final Map<String, Instant> gapsSeen = new ConcurrentHashMap<>();

    Chainer(JdbcTemplate jdbc, TransactionTemplate transaction, ChainedStreams streams,
            OversightProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.streams = streams;
        this.settings = properties.chain();
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${mincard.oversight.chain.interval}",
            initialDelayString = "${mincard.oversight.chain.interval}")
    void onSchedule() {
        try {
            chainAll();
        } catch (RuntimeException e) {
            LOG.warn("Chaining failed; it is retried on the next run", e);
        }
    }

    /** Links everything linkable now; answers how many rows were linked. */
    public long chainAll() {
        long linked = 0;
        for (ChainedStream stream : streams.all()) {
            int batch;
            do {
                batch = chainBatch(stream);
                linked += Math.max(batch, 0);
            } while (batch == settings.batchSize());
        }
        return linked;
    }

    /** Links up to one batch; -1 when another node holds the stream's lock. */
    int chainBatch(ChainedStream stream) {
        Integer linked = transaction.execute(status -> {
            jdbc.execute("SET LOCAL TimeZone = 'UTC'");
            Boolean locked = jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(hashtext(?))", Boolean.class,
                    "mincard.chain." + stream.stream());
            if (!Boolean.TRUE.equals(locked)) {
                return -1;
            }
            List<Object[]> head = jdbc.query("""
                    SELECT record_id, position, hash FROM audit.chain_link WHERE stream = ?
                    ORDER BY position DESC LIMIT 1""", (row, n) -> new Object[]{row.getLong(1), row.getLong(2),
                    row.getBytes(3)}, stream.stream());
            long lastId = head.isEmpty() ? 0 : (Long) head.get(0)[0];
            long position = head.isEmpty() ? 0 : (Long) head.get(0)[1];
            byte[] previous = head.isEmpty() ? ChainHash.GENESIS : (byte[]) head.get(0)[2];
            return link(stream, lastId, position, previous);
        });
        return linked == null ? 0 : linked;
    }

    private int link(ChainedStream stream, long lastId, long position, byte[] previous) {
        MessageDigest sha256 = ChainHash.sha256();
        List<Long> ids = new ArrayList<>();
        List<Long> positions = new ArrayList<>();
        List<String> prevHashes = new ArrayList<>();
        List<String> hashes = new ArrayList<>();
        int width = stream.columns().size();
        long[] expected = {lastId + 1};
        long[] nextPosition = {position + 1};
        byte[][] prev = {previous};
        boolean[] stopped = {false};
        Instant now = clock.instant();
        jdbc.query(stream.selectRows("", "s", "WHERE s." + stream.idColumn() + " > ? ORDER BY s."
                + stream.idColumn() + " LIMIT ?"), row -> {
            if (stopped[0]) {
                return;
            }
            long id = row.getLong(1);
            if (id != expected[0]) {
                String gap = stream.stream() + ":" + expected[0];
                Instant seen = gapsSeen.computeIfAbsent(gap, key -> now);
                if (seen.plus(settings.gapGrace()).isAfter(now)) {
                    stopped[0] = true;
                    return;
                }
                gapsSeen.remove(gap);
                LOG.info("Chain {}: ids {} to {} never committed; linking past them", stream.stream(), expected[0],
                        id - 1);
            } else if (!gapsSeen.isEmpty()) {
                // A gap that filled within the grace (a slow commit) is no longer waited for.
                gapsSeen.remove(stream.stream() + ":" + id);
            }
            String[] values = new String[width];
            for (int i = 0; i < width; i++) {
                values[i] = row.getString(i + 2);
            }
            byte[] hash = ChainHash.link(sha256, prev[0], ChainHash.encode(stream.stream(), id, stream.columns(),
                    values));
            ids.add(id);
            positions.add(nextPosition[0]++);
            prevHashes.add(ChainHash.hex(prev[0]));
            hashes.add(ChainHash.hex(hash));
            prev[0] = hash;
            expected[0] = id + 1;
        }, lastId, settings.batchSize());
        if (ids.isEmpty()) {
            return 0;
        }
        jdbc.update((Connection connection) -> {
            PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO audit.chain_link (stream, record_id, position, prev_hash, hash)
                    SELECT ?, r, p, decode(ph, 'hex'), decode(h, 'hex')
                    FROM unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[]) AS u(r, p, ph, h)""");
            insert.setString(1, stream.stream());
            insert.setArray(2, connection.createArrayOf("bigint", ids.toArray()));
            insert.setArray(3, connection.createArrayOf("bigint", positions.toArray()));
            insert.setArray(4, connection.createArrayOf("text", prevHashes.toArray()));
            insert.setArray(5, connection.createArrayOf("text", hashes.toArray()));
            return insert;
        });
        // A full batch that stopped early is not full: the caller then waits for the next run.
        return stopped[0] && ids.size() == settings.batchSize() ? ids.size() - 1 : ids.size();
    }
}
