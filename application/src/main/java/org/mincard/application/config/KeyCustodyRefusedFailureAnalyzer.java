package org.mincard.application.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints a start refused by {@link KeyCustodyGuard} as a description naming the setting and an action. */
public class KeyCustodyRefusedFailureAnalyzer extends AbstractFailureAnalyzer<KeyCustodyRefused> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, KeyCustodyRefused cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }
}
