package org.mincard.application.vault.keys;

import java.util.Set;

/**
 * The key-encryption keys (KEKs) that wrap data keys. They never enter the database. The local implementation holds
 * them in memory from configuration or files; a KMS or HashiCorp Vault adapter implements this interface as a bean of
 * its own (the local one then steps aside) and keeps the key material on its side, wrapping and unwrapping remotely.
 *
 * <p>Implementations must bind {@code associatedData} to the wrapped key (for example as AES-GCM associated data or a
 * KMS encryption context), so a wrapped key copied into another row cannot be unwrapped there.
 */
public interface KeyEncryptionKeys {

    /** The id of the KEK that wraps new data keys and that a rotation rewraps to. */
    String currentKekId();

    /** True when a data key wrapped under this KEK can still be unwrapped here. */
    boolean knows(String kekId);

    /** Wraps a data key under the current KEK. */
    WrappedKey wrap(byte[] dataKey, byte[] associatedData);

    /** Unwraps a data key; fails if the KEK is unknown or the wrapped bytes or associated data were altered. */
    byte[] unwrap(WrappedKey wrappedKey, byte[] associatedData);

    /** Every KEK version this installation still holds, the current one included. */
    Set<String> heldKekIds();

    /** Destroys a KEK version for good: an HSM deletes the key object; a configured key is forgotten and refused at the next start. */
    void destroy(String kekId);
}
