package org.mincard.application.retention.policy;

import org.mincard.domain.retention.RetentionPolicyInvalid;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints a refused retention policy as a description and an action instead of a stack trace. */
public class RetentionPolicyInvalidFailureAnalyzer extends AbstractFailureAnalyzer<RetentionPolicyInvalid> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, RetentionPolicyInvalid cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Fix the rule under mincard.retention.profiles (see docs/config/retention.md): every rule needs an "
                        + "id, a known data class and trigger, an ISO-8601 delay and a disposal authority, and no "
                        + "two rules of a profile may give the same class and trigger different delays.", cause);
    }
}
