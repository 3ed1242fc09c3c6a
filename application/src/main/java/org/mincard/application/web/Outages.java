package org.mincard.application.web;

import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.lang.Nullable;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * Tells a database outage or saturation from a genuine failure, by the exception chain only (classes and SQLStates,
 * never messages): no connection (refused, lost, pool timed out: SQLState class 08, Hikari's
 * {@link SQLTransientConnectionException}), the server shutting down or refusing connections (57P01..57P03, 53300),
 * and the server-side time limits ({@code statement_timeout} 57014, {@code lock_timeout} 55P03). Such a request may
 * succeed a moment later, so it is answered 503 with {@code Retry-After}, not 500.
 */
public final class Outages {

    private static final Set<String> STATES = Set.of("57014", "55P03", "57P01", "57P02", "57P03", "53300", "53400");

    private Outages() {
    }

    public static boolean isOutage(@Nullable Throwable ex) {
        int depth = 0;
        for (Throwable t = ex; t != null && depth < 16; t = t.getCause() == t ? null : t.getCause(), depth++) {
            if (t instanceof CannotGetJdbcConnectionException || t instanceof QueryTimeoutException
                    || t instanceof CannotAcquireLockException || t instanceof TransientDataAccessResourceException
                    || t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                for (SQLException next = sql; next != null; next = next.getNextException()) {
                    String state = next.getSQLState();
                    if (state != null && (state.startsWith("08") || STATES.contains(state))) {
                        return true;
                    }
                    if (next.getNextException() == next) {
                        break;
                    }
                }
            }
        }
        return false;
    }
}
