package org.mincard.application.vault;

import org.mincard.domain.personaldata.DataClass;
import org.mincard.domain.personaldata.SealedValue;

import java.util.Objects;
import java.util.UUID;

/**
 * One value to unseal in a batch, with the context its access record names. A request without a sealed value asks
 * for a class whose copies a purge already removed ({@link #ofPurged}): the gate still applies the policy and records
 * the read, as purged.
 */
public record UnsealRequest(SealedValue value, AccessContext context, UUID subjectId, DataClass dataClass) {

    public UnsealRequest {
        Objects.requireNonNull(context, "context");
        if (value != null) {
            subjectId = value.key().subjectId();
            dataClass = value.dataClass();
        }
        Objects.requireNonNull(subjectId, "subjectId");
        Objects.requireNonNull(dataClass, "dataClass");
    }

    public UnsealRequest(SealedValue value, AccessContext context) {
        this(Objects.requireNonNull(value, "value"), context, null, null);
    }

    /** A read of a class of this subject whose sealed copies were removed when its keys were destroyed. */
    public static UnsealRequest ofPurged(UUID subjectId, DataClass dataClass, AccessContext context) {
        return new UnsealRequest(null, context, subjectId, dataClass);
    }
}
