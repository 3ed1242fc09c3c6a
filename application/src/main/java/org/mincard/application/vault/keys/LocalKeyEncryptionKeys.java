package org.mincard.application.vault.keys;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * KEKs held in this process's memory, loaded from configuration or key files. Wrapping is AES-256-GCM with a random
 * 96-bit nonce: {@code nonce || ciphertext || tag}. A random nonce is safe for far more wraps than a city will ever
 * make under one KEK (the limit is about 2^32 per key).
 *
 * <p>In the embedded default the KEKs are {@code <id>.kek} files in one directory: then a new version can be created
 * (a new file, made current) and a destroyed version's file is overwritten and deleted. KEKs from configuration are
 * only forgotten by {@link #destroy}; the erasure fence refuses the next start while one is still configured.
 */
final class LocalKeyEncryptionKeys implements RotatableKeyEncryptionKeys {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Map<String, SecretKey> keys;
    private final Path directory;
    private volatile String currentKekId;
    private final SecureRandom random = new SecureRandom();

    LocalKeyEncryptionKeys(Map<String, SecretKey> keys, String currentKekId) {
        this(keys, currentKekId, null);
    }

    /** {@code directory}: where the KEKs are {@code <id>.kek} files (the embedded default), or null. */
    LocalKeyEncryptionKeys(Map<String, SecretKey> keys, String currentKekId, Path directory) {
        this.keys = new ConcurrentHashMap<>(keys);
        this.currentKekId = Objects.requireNonNull(currentKekId, "currentKekId");
        this.directory = directory;
        if (!this.keys.containsKey(currentKekId)) {
            throw new IllegalArgumentException("the current KEK '" + currentKekId + "' is not among the loaded KEKs");
        }
    }

    Set<String> kekIds() {
        return heldKekIds();
    }

    @Override
    public Set<String> heldKekIds() {
        return Set.copyOf(keys.keySet());
    }

    @Override
    public synchronized void destroy(String kekId) {
        if (kekId.equals(currentKekId)) {
            throw new IllegalStateException("KEK '" + kekId + "' is current and cannot be destroyed");
        }
        keys.remove(kekId);
        if (directory != null) {
            KeyEncryptionKeysLoader.erase(directory, kekId);
        }
    }

    @Override
    public boolean canCreateVersions() {
        return directory != null;
    }

    @Override
    public synchronized String createVersion() {
        if (directory == null) {
            throw new IllegalStateException("KEKs from configuration: put a new version in the secret store and"
                    + " set mincard.vault.kek.current-id to it");
        }
        String id = KeyEncryptionKeysLoader.nextVersionId(keys.keySet());
        keys.put(id, KeyEncryptionKeysLoader.createKekFile(directory, id));
        currentKekId = id;
        return id;
    }

    @Override
    public String currentKekId() {
        return currentKekId;
    }

    @Override
    public boolean knows(String kekId) {
        return keys.containsKey(kekId);
    }

    @Override
    public WrappedKey wrap(byte[] dataKey, byte[] associatedData) {
        String current = currentKekId;
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(current), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData);
            byte[] sealed = cipher.doFinal(dataKey);
            byte[] wrapped = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, wrapped, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, wrapped, NONCE_BYTES, sealed.length);
            return new WrappedKey(current, wrapped);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot wrap a data key under KEK '" + current + "'", e);
        }
    }

    @Override
    public byte[] unwrap(WrappedKey wrappedKey, byte[] associatedData) {
        SecretKey kek = keys.get(wrappedKey.kekId());
        if (kek == null) {
            throw new IllegalStateException("KEK '" + wrappedKey.kekId() + "' is not configured on this node;"
                    + " configure it until a key rotation has rewrapped every data key");
        }
        byte[] wrapped = wrappedKey.bytes();
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, kek, new GCMParameterSpec(TAG_BITS, wrapped, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(wrapped, NONCE_BYTES, wrapped.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a wrapped data key failed authentication under KEK '"
                    + wrappedKey.kekId() + "'", e);
        }
    }
}
