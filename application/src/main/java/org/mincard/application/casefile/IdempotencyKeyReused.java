package org.mincard.application.casefile;

import org.mincard.application.web.ApiProblems;
import org.mincard.application.web.ProblemException;

import java.util.Map;

/** An Idempotency-Key already answered a different request by the same actor; nothing is stored. */
final class IdempotencyKeyReused extends ProblemException {

    IdempotencyKeyReused() {
        super(Kind.UNPROCESSABLE, ApiProblems.CONFLICT, "Idempotency key reused",
                "This Idempotency-Key was already used for a different request.",
                Map.of("code", "idempotency-key-reused"));
    }
}
