package org.mincard.application.vault;

import org.mincard.application.web.ApiProblems;
import org.mincard.application.web.ProblemException;

import java.net.URI;
import java.util.List;
import java.util.Map;

/** A read of personal data without a known access purpose: nothing is read or recorded. */
public final class PurposeRequired extends ProblemException {

    public static final URI TYPE = URI.create("urn:mincard:problem:access-purpose-required");

    private PurposeRequired(String detail, String rule) {
        super(Kind.INVALID, TYPE, "Access purpose required", detail,
                Map.of("errors", List.of(new ApiProblems.FieldProblem(AccessPurposeArgumentResolver.HEADER, rule))));
    }

    static PurposeRequired missing() {
        return new PurposeRequired("The header '" + AccessPurposeArgumentResolver.HEADER
                + "' is required to read personal data; it must be one of " + AccessPurpose.allNames() + ".",
                "required");
    }

    static PurposeRequired unknown() {
        return new PurposeRequired("The header '" + AccessPurposeArgumentResolver.HEADER + "' must be one of "
                + AccessPurpose.allNames() + ".", "must be one of " + AccessPurpose.allNames());
    }
}
