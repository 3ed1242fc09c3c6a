package org.mincard.domain.personaldata;

import java.util.Objects;
import java.util.UUID;

/** Names the data key that sealed a value: whose data it is, of which class, and which version of that key. */
public record KeyReference(UUID subjectId, DataClass dataClass, int keyVersion) {

    public KeyReference {
        Objects.requireNonNull(subjectId, "subjectId");
        Objects.requireNonNull(dataClass, "dataClass");
        if (keyVersion < 1) {
            throw new IllegalArgumentException("keyVersion must be at least 1");
        }
    }
}
