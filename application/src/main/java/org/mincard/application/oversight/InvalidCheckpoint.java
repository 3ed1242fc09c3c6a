package org.mincard.application.oversight;

import org.mincard.application.web.ApiProblems;
import org.mincard.application.web.ProblemException;

import java.util.Map;

/** A checkpoint handed in for verification is not one this service could have signed. */
final class InvalidCheckpoint extends ProblemException {

    InvalidCheckpoint(String rule) {
        super(Kind.UNPROCESSABLE, ApiProblems.VALIDATION, "Invalid checkpoint", "checkpoint: " + rule, Map.of());
    }
}
