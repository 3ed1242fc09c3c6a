package org.mincard.application.oversight.register;

import org.mincard.application.web.ApiProblems;
import org.mincard.application.web.ProblemException;

import java.util.Map;

/** A disclosure asked for cases the registered request does not cover. */
final class CasesOutOfScope extends ProblemException {

    CasesOutOfScope() {
        super(Kind.UNPROCESSABLE, ApiProblems.VALIDATION, "Invalid request",
                "caseIds: must all be in the request's scope", Map.of());
    }
}
