package org.mincard.application.operations;

import org.mincard.application.web.ProblemException;

import java.net.URI;
import java.util.Map;

/** A replay asked for a processing group that cannot be replayed; the reason names no data. */
final class NotReplayable extends ProblemException {

    static final URI TYPE = URI.create("urn:mincard:problem:not-replayable");

    NotReplayable(String processingGroup, String why) {
        super(Kind.UNPROCESSABLE, TYPE, "Not replayable",
                "Processing group '" + processingGroup + "' cannot be replayed: " + why + ".",
                Map.of("code", "not-replayable"));
    }
}
