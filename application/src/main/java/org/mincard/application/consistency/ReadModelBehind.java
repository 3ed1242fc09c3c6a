package org.mincard.application.consistency;

import org.mincard.application.web.ProblemException;

import java.net.URI;
import java.util.Map;

/** A read presented a Consistency-Token its read models did not reach within the configured wait. */
class ReadModelBehind extends ProblemException {

    static final URI TYPE = URI.create("urn:mincard:problem:read-model-behind");

    ReadModelBehind(long retryAfterSeconds) {
        super(Kind.UNAVAILABLE, TYPE, "Not yet visible",
                "The read model has not yet processed the change named by the Consistency-Token. Retry the read "
                        + "with the same token.",
                Map.of("code", "read-model-behind", "retryAfterSeconds", retryAfterSeconds));
    }
}
