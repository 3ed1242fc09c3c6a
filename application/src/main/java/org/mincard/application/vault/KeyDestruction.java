package org.mincard.application.vault;

import org.mincard.domain.personaldata.DataClass;

import java.util.Objects;
import java.util.UUID;

/** One (subject, data class) whose keys a purge destroys, with the purge that does it. */
public record KeyDestruction(UUID subjectId, DataClass dataClass, PurgeReference purge) {

    public KeyDestruction {
        Objects.requireNonNull(subjectId, "subjectId");
        Objects.requireNonNull(dataClass, "dataClass");
        Objects.requireNonNull(purge, "purge");
    }
}
