package org.mincard.application.vault;

import org.mincard.application.web.ApiProblems;
import org.mincard.application.web.ProblemException;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/** The caller read more personal data than its window allows; the refused reads are logged as rate-limited. */
public final class ReadsRateLimited extends ProblemException {

    public static final URI TYPE = URI.create("urn:mincard:problem:personal-data-rate-limited");

    ReadsRateLimited(Duration retryAfter) {
        super(Kind.RATE_LIMITED, TYPE, "Too many personal-data reads",
                "You have read more personal data than allowed in the current window; try again later.",
                Map.of(ApiProblems.RETRY_AFTER_SECONDS, Math.max(1, retryAfter.toSeconds())));
    }
}
