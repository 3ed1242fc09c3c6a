package org.mincard.application.web;

import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A time limit on the whole database work of one request, not only on each statement (ADR 0019): PostgreSQL's
 * {@code statement_timeout} and {@code lock_timeout} bound one statement each, so a request of many statements, each
 * just under its limits, could still hold a client for minutes. A request that runs in one transaction (every
 * state-changing API request, every console action) is watched from its start: when the limit passes while it still
 * runs, the statement running on its connection is cancelled through the driver's cancel request (PostgreSQL answers
 * 57014, which {@link Outages} classes as unavailable), again every {@value #RECHECK_MILLIS} ms until the request ends,
 * so a statement started after the first cancel is cancelled too. The request then answers 503 with
 * {@code Retry-After}, and for a command, "outcome unknown: retry with the same Idempotency-Key": it never hangs.
 * <p>
 * A cancel is sent only while the watched request still owns the connection ({@link Watch#close()} and the cancel
 * share a lock), so it never reaches a statement of the next request the pool lends the connection to.
 */
@Component
public class RequestTimeLimit implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(RequestTimeLimit.class);
    static final long RECHECK_MILLIS = 100;

    private final Duration limit;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "request-time-limit");
        thread.setDaemon(true);
        return thread;
    });

    RequestTimeLimit(RequestTimeoutProperties properties) {
        this.limit = properties.requestTimeout();
    }

    /** The configured limit; zero when disabled. */
    public Duration limit() {
        return limit;
    }

    /**
     * Watches the database work the current request does on {@code connection} from now on; close the watch before
     * committing, so the commit itself is never cancelled.
     */
    public Watch watch(Connection connection) {
        if (limit.isZero() || limit.isNegative()) {
            return new Watch(null);
        }
        PGConnection postgres;
        try {
            postgres = connection.unwrap(PGConnection.class);
        } catch (SQLException notPostgres) {
            LOG.warn("Request time limit not applied: the connection is not a PostgreSQL connection");
            return new Watch(null);
        }
        Watch watch = new Watch(postgres);
        watch.future = watchdog.scheduleWithFixedDelay(watch::expire, limit.toMillis(), RECHECK_MILLIS,
                TimeUnit.MILLISECONDS);
        return watch;
    }

    @Override
    public void destroy() {
        watchdog.shutdownNow();
    }

    /** One request's watch: whether its limit passed while it ran. */
    public static final class Watch implements AutoCloseable {

        private final PGConnection connection;
        private ScheduledFuture<?> future;
        private boolean closed;
        private boolean expired;

        private Watch(PGConnection connection) {
            this.connection = connection;
        }

        private synchronized void expire() {
            if (closed) {
                return;
            }
            if (!expired) {
                LOG.warn("A request passed its time limit; cancelling its database work");
            }
            expired = true;
            try {
                connection.cancelQuery();
            } catch (SQLException | RuntimeException e) {
                LOG.warn("Could not cancel the database work of a request past its time limit: {}",
                        e.getClass().getName());
            }
        }

        /** Whether the limit passed while the request ran (its database work was cancelled). */
        public synchronized boolean expired() {
            return expired;
        }

        @Override
        public synchronized void close() {
            closed = true;
            if (future != null) {
                future.cancel(false);
            }
        }
    }
}
