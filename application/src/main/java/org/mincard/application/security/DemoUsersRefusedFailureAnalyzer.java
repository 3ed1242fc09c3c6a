package org.mincard.application.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints a refused start as a plain description and action instead of a stack trace. */
public class DemoUsersRefusedFailureAnalyzer extends AbstractFailureAnalyzer<DemoUsersRefused> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DemoUsersRefused cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }
}
