package org.mincard.application.vault;

import org.mincard.application.web.ApiProblems;
import org.mincard.application.web.ProblemException;
import org.springframework.http.HttpStatus;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The problems the vault answers with. None of them carries a value that was sent or read. */
public final class VaultProblems {

    public static final URI PURPOSE_REQUIRED = URI.create("urn:mincard:problem:access-purpose-required");
    public static final URI ACCESS_REFUSED = URI.create("urn:mincard:problem:personal-data-access-refused");
    public static final URI RATE_LIMITED = URI.create("urn:mincard:problem:personal-data-rate-limited");
    public static final URI FORBIDDEN = URI.create("urn:mincard:problem:forbidden");

    private VaultProblems() {
    }

    static ProblemException purposeMissing() {
        return purposeProblem("The header '" + AccessPurposeArgumentResolver.HEADER
                + "' is required to read personal data; it must be one of " + AccessPurpose.allNames() + ".",
                "required");
    }

    static ProblemException purposeUnknown() {
        return purposeProblem("The header '" + AccessPurposeArgumentResolver.HEADER + "' must be one of "
                + AccessPurpose.allNames() + ".", "must be one of " + AccessPurpose.allNames());
    }

    private static ProblemException purposeProblem(String detail, String rule) {
        return new ProblemException(HttpStatus.BAD_REQUEST, PURPOSE_REQUIRED, "Access purpose required", detail,
                Map.of("errors", List.of(new ApiProblems.FieldProblem(AccessPurposeArgumentResolver.HEADER, rule))));
    }

    static ProblemException refused(Unsealed.Refused refused) {
        return new ProblemException(HttpStatus.FORBIDDEN, ACCESS_REFUSED, "Personal data access refused",
                "You may not read " + refused.dataClass() + " data for this purpose here (" + refused.reason() + ").",
                Map.of("dataClass", refused.dataClass().name(), "reason", refused.reason().name()));
    }

    static ProblemException rateLimited(Duration retryAfter) {
        return new ProblemException(HttpStatus.TOO_MANY_REQUESTS, RATE_LIMITED, "Too many personal-data reads",
                "You have read more personal data than allowed in the current window; try again later.",
                Map.of(ApiProblems.RETRY_AFTER_SECONDS, Math.max(1, retryAfter.toSeconds())));
    }

    static ProblemException forbidden(String what) {
        return new ProblemException(HttpStatus.FORBIDDEN, FORBIDDEN, "Forbidden",
                "Your role may not " + what + ".", Map.of());
    }
}
