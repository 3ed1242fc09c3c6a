package org.mincard.application.vault;

import org.mincard.domain.personaldata.SealedValue;

import java.util.Objects;

/** One value to unseal in a batch, with the context its access record names. */
public record UnsealRequest(SealedValue value, AccessContext context) {

    public UnsealRequest {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(context, "context");
    }
}
