package org.mincard.application.web;

import java.util.Map;

/**
 * What was asked for does not exist, or the caller may not see it: both answer alike, so that existence does not
 * leak.
 */
public final class NotFound extends ProblemException {

    /** @param what names the resource without personal data, e.g. {@code "Case " + caseId} */
    public NotFound(String what) {
        super(Kind.NOT_FOUND, ApiProblems.NOT_FOUND, "Not found", what + " does not exist or is not visible to you.",
                Map.of());
    }
}
