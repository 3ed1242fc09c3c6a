package org.mincard.application.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints a start refused by {@link DatabaseRoleGuard}: what the role can do, and which settings to change. */
public class DatabaseRoleRefusedFailureAnalyzer extends AbstractFailureAnalyzer<DatabaseRoleRefused> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DatabaseRoleRefused cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }
}
