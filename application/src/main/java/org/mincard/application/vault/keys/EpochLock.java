package org.mincard.application.vault.keys;

import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The cluster-wide lock of KEK epoch changes (ADR 0017): starting a rotation (with the new KEK version it needs) and
 * destroying a retired version happen on one node at a time. ShedLock's JDBC provider on {@code vault.epoch_lock},
 * with the database's clock, as the retention sweep's lock; a node that dies holding it frees it after
 * {@link #AT_MOST} (the guarded steps take seconds: the rotation itself runs outside it, one at a time by a unique
 * index).
 */
class EpochLock {

    static final String NAME = "kek-epochs";
    static final Duration AT_MOST = Duration.ofMinutes(10);

    private final LockProvider provider;

    EpochLock(JdbcTemplate jdbc) {
        this(jdbc, nodeName());
    }

    EpochLock(JdbcTemplate jdbc, String nodeName) {
        this.provider = new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(jdbc)
                .withTableName("vault.epoch_lock")
                .usingDbTime()
                .withLockedByValue(nodeName)
                .build());
    }

    /** Runs the step holding the lock; empty at once, without running it, when another node (or thread) holds it. */
    <T> Optional<T> tryRun(Supplier<T> step) {
        Optional<SimpleLock> lock = provider.lock(new LockConfiguration(ClockProvider.now(), NAME, AT_MOST,
                Duration.ZERO));
        if (lock.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(step.get());
        } finally {
            lock.get().unlock();
        }
    }

    private static String nodeName() {
        try {
            return InetAddress.getLocalHost().getHostName() + ":" + ProcessHandle.current().pid();
        } catch (UnknownHostException e) {
            return "node:" + ProcessHandle.current().pid();
        }
    }
}
