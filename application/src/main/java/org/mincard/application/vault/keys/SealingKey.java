package org.mincard.application.vault.keys;

import org.mincard.domain.personaldata.KeyReference;

import javax.crypto.SecretKey;
import java.util.Objects;

/** The live data key that seals new values of one subject and class, with the reference stored beside them. */
public record SealingKey(KeyReference reference, SecretKey key) {

    public SealingKey {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(key, "key");
    }

    @Override
    public String toString() {
        return "SealingKey[" + reference + ", key redacted]";
    }
}
