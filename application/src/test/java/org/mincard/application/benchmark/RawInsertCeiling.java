package org.mincard.application.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The anchor of figure 1: how many single-row transactions PostgreSQL commits per second over JDBC with the same
 * number of connections, each row as large as an average stored event (payload and metadata). A scratch table in
 * schema {@code bench}, emptied afterwards.
 */
final class RawInsertCeiling {

    private final String url;
    private final String user;
    private final String password;

    /** The scratch table the anchor inserts into; created by the schema owner (see {@link BenchSchema}). */
    static final String TABLE = "CREATE TABLE IF NOT EXISTS bench.raw_insert (id bigserial NOT NULL, "
            + "payload bytea NOT NULL, CONSTRAINT raw_insert_pk PRIMARY KEY (id))";

    RawInsertCeiling(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    double commitsPerSecond(int connections, int payloadBytes, Duration measure) throws Exception {
        long end = System.nanoTime() + measure.toNanos();
        AtomicLong commits = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        List<Exception> failures = new CopyOnWriteArrayList<>();
        for (int i = 0; i < connections; i++) {
            threads.add(Benchmark.thread("bench-raw-" + i, () -> {
                byte[] payload = new byte[payloadBytes];
                ThreadLocalRandom.current().nextBytes(payload);
                try (Connection connection = connect();
                     PreparedStatement insert = connection.prepareStatement(
                             "INSERT INTO bench.raw_insert (payload) VALUES (?)")) {
                    connection.setAutoCommit(true);
                    while (System.nanoTime() < end) {
                        insert.setBytes(1, payload);
                        insert.executeUpdate();
                        commits.incrementAndGet();
                    }
                } catch (SQLException e) {
                    failures.add(e);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE bench.raw_insert");
        }
        return commits.get() / (measure.toNanos() / 1e9);
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }
}
