package org.mincard.application.oversight.register;

import org.mincard.application.web.ProblemException;

import java.net.URI;
import java.util.Map;

/** Records are produced only for a request decided PARTIAL or FULL. */
final class NotDisclosable extends ProblemException {

    private static final URI TYPE = URI.create("urn:mincard:problem:request-not-disclosable");

    NotDisclosable() {
        super(Kind.CONFLICT, TYPE, "Not allowed in the current state",
                "Records are produced only for a request decided PARTIAL or FULL.",
                Map.of("code", "request-not-disclosable"));
    }
}
