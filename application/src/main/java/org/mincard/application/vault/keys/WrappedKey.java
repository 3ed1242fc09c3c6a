package org.mincard.application.vault.keys;

import java.util.Arrays;
import java.util.Objects;

/** A data key as stored: encrypted under the key-encryption key {@code kekId}. */
public record WrappedKey(String kekId, byte[] bytes) {

    public WrappedKey {
        Objects.requireNonNull(kekId, "kekId");
        bytes = Objects.requireNonNull(bytes, "bytes").clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WrappedKey that && kekId.equals(that.kekId) && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return 31 * kekId.hashCode() + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "WrappedKey[" + kekId + ", " + bytes.length + " bytes]";
    }
}
