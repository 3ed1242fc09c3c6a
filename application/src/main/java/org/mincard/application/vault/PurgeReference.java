package org.mincard.application.vault;

import java.util.Objects;
import java.util.UUID;

/** The purge that destroys a key: the retention sweep that ran it and the retention rule it applied. */
public record PurgeReference(UUID sweepId, String ruleId) {

    public PurgeReference {
        Objects.requireNonNull(sweepId, "sweepId");
        Objects.requireNonNull(ruleId, "ruleId");
        if (ruleId.isBlank() || ruleId.length() > 128) {
            throw new IllegalArgumentException("ruleId must be 1-128 characters");
        }
    }
}
