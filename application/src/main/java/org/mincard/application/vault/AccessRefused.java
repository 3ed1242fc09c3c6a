package org.mincard.application.vault;

import org.mincard.application.web.ProblemException;

import java.net.URI;
import java.util.Map;

/** The access policy does not let this role read this class of data for this purpose; the refusal is logged. */
public final class AccessRefused extends ProblemException {

    public static final URI TYPE = URI.create("urn:mincard:problem:personal-data-access-refused");

    AccessRefused(Unsealed.Refused refused) {
        super(Kind.NOT_PERMITTED, TYPE, "Personal data access refused",
                "You may not read " + refused.dataClass() + " data for this purpose here (" + refused.reason() + ").",
                Map.of("dataClass", refused.dataClass().name(), "reason", refused.reason().name()));
    }
}
