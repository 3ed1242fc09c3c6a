package org.mincard.application.web;

import org.mincard.application.web.ProblemException.Kind;

import java.util.List;
import java.util.Map;

/** 4xx answers for request rules that span fields and so cannot be bean-validation annotations. */
public final class RequestProblems {

    private RequestProblems() {
    }

    /** 400: the field breaks a rule; the message names the rule, never the value. */
    public static ProblemException invalid(String field, String rule) {
        return new ProblemException(Kind.INVALID, ApiProblems.VALIDATION, "Invalid request",
                "The field '" + field + "' " + rule + ".",
                Map.of("errors", List.of(new ApiProblems.FieldProblem(field, rule))));
    }

    /** The value, or a 400 naming the field when it lies outside [min, max] (page sizes, batch limits). */
    public static int between(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw invalid(field, "must be between " + min + " and " + max);
        }
        return value;
    }

    /** 422: the request is well-formed but refers to something we cannot act on. */
    public static ProblemException unprocessable(String field, String rule) {
        return new ProblemException(Kind.UNPROCESSABLE, ApiProblems.VALIDATION, "Unprocessable request",
                "The field '" + field + "' " + rule + ".",
                Map.of("errors", List.of(new ApiProblems.FieldProblem(field, rule))));
    }
}
