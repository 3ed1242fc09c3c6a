package org.mincard.application.retention.sweep;

import jakarta.annotation.PreDestroy;
import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.support.KeepAliveLockProvider;
import org.mincard.application.retention.policy.RetentionProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The cluster-wide lock that lets one node at a time run a retention sweep: ShedLock's JDBC provider on
 * {@code retention.sweep_lock}, with the database's clock (node clocks may differ). While a sweep runs the lock is
 * extended in the background, so a long sweep keeps it and a node that dies frees it after {@code lock-at-most-for}.
 */
@Component
class SweepLock {

    static final String NAME = "retention-sweep";

    /** Who holds the lock and until when (database time, UTC). */
    record Holder(String lockedBy, Instant lockedAt, Instant lockUntil) {
    }

    private final JdbcTemplate jdbc;
    private final Duration lockAtMostFor;
    private final ScheduledExecutorService keepAlive = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "retention-sweep-lock");
        thread.setDaemon(true);
        return thread;
    });
    private final LockProvider provider;

    @Autowired
    SweepLock(JdbcTemplate jdbc, RetentionProperties properties) {
        this(jdbc, properties, nodeName());
    }

    SweepLock(JdbcTemplate jdbc, RetentionProperties properties, String nodeName) {
        this.jdbc = jdbc;
        this.lockAtMostFor = properties.sweep().lockAtMostFor();
        this.provider = new KeepAliveLockProvider(new JdbcTemplateLockProvider(
                JdbcTemplateLockProvider.Configuration.builder()
                        .withJdbcTemplate(jdbc)
                        .withTableName("retention.sweep_lock")
                        .usingDbTime()
                        .withLockedByValue(nodeName)
                        .build()), keepAlive);
    }

    /**
     * Runs the task while holding the lock, and answers true; answers false at once, without running it, when another
     * node (or another run on this one) holds it. After the task the lock stays taken until {@code atLeast} after it
     * was acquired.
     */
    boolean tryRun(Duration atLeast, Runnable task) {
        Optional<SimpleLock> lock = provider.lock(new LockConfiguration(ClockProvider.now(), NAME, lockAtMostFor,
                atLeast));
        if (lock.isEmpty()) {
            return false;
        }
        try {
            task.run();
        } finally {
            lock.get().unlock();
        }
        return true;
    }

    /** The current holder, if the lock is taken now. */
    Optional<Holder> holder() {
        return jdbc.query("""
                        SELECT locked_by, locked_at, lock_until FROM retention.sweep_lock
                        WHERE name = ? AND lock_until > timezone('utc', now())""",
                (rs, row) -> new Holder(rs.getString(1), rs.getTimestamp(2).toLocalDateTime().toInstant(
                        ZoneOffset.UTC), rs.getTimestamp(3).toLocalDateTime().toInstant(
                        ZoneOffset.UTC)), NAME).stream().findFirst();
    }

    private static String nodeName() {
        try {
            return InetAddress.getLocalHost().getHostName() + ":" + ProcessHandle.current().pid();
        } catch (UnknownHostException e) {
            return "node:" + ProcessHandle.current().pid();
        }
    }

    @PreDestroy
    void stop() {
        keepAlive.shutdownNow();
    }
}
