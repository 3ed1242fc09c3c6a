package org.mincard.domain.personaldata;

import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;

/**
 * Personal data of one class, sealed: AES-256-GCM ciphertext (nonce, ciphertext and tag) under the data key named by
 * {@code key}, with the key reference bound as associated data. Events, snapshots, dead letters and read models
 * carry personal data only in this form; once the key is destroyed the value can never be read again.
 */
public record SealedValue(KeyReference key, byte[] ciphertext) {

    public SealedValue {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(ciphertext, "ciphertext");
        if (ciphertext.length == 0) {
            throw new IllegalArgumentException("ciphertext must not be empty");
        }
        ciphertext = ciphertext.clone();
    }

    public DataClass dataClass() {
        return key.dataClass();
    }

    @Override
    public byte[] ciphertext() {
        return ciphertext.clone();
    }

    /** True when this value was sealed for the given subject and class (checked before it is put into an event). */
    public boolean isFor(UUID subjectId, DataClass dataClass) {
        return key.subjectId().equals(subjectId) && key.dataClass() == dataClass;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SealedValue that && key.equals(that.key) && Arrays.equals(ciphertext, that.ciphertext);
    }

    @Override
    public int hashCode() {
        return 31 * key.hashCode() + Arrays.hashCode(ciphertext);
    }

    /** Shows the key reference and a length, never the ciphertext itself. */
    @Override
    public String toString() {
        return "SealedValue[" + key.dataClass() + " v" + key.keyVersion() + " of " + key.subjectId()
                + ", " + ciphertext.length + " bytes]";
    }
}
