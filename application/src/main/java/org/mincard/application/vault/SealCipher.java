package org.mincard.application.vault;

import org.mincard.domain.personaldata.KeyReference;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

/**
 * AES-256-GCM for sealed values: a random 96-bit nonce per seal, output {@code nonce || ciphertext || tag}, and the
 * key reference (subject, data class, key version) as associated data, so a sealed value moved to another subject
 * or class, or relabelled with another key version, fails authentication instead of decrypting.
 */
final class SealCipher {

    static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    // Cipher.getInstance looks the provider up on every call; a page of 50 values would pay that 50 times.
    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    });

    private SealCipher() {
    }

    /** Thrown when a sealed value does not authenticate under its key: it was altered or mislabelled. */
    static final class TamperedValue extends RuntimeException {
        TamperedValue(KeyReference reference) {
            super("a sealed " + reference.dataClass() + " value (key version " + reference.keyVersion()
                    + ") failed authentication", null, false, false);
        }
    }

    static byte[] associatedData(KeyReference reference) {
        return ("mincard:sealed-value:v1|" + reference.subjectId() + "|" + reference.dataClass() + "|"
                + reference.keyVersion()).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] seal(KeyReference reference, SecretKey key, byte[] plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(reference));
            byte[] sealed = new byte[NONCE_BYTES + cipher.getOutputSize(plaintext.length)];
            System.arraycopy(nonce, 0, sealed, 0, NONCE_BYTES);
            cipher.doFinal(plaintext, 0, plaintext.length, sealed, NONCE_BYTES);
            return sealed;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM sealing failed", e);
        }
    }

    static byte[] open(KeyReference reference, SecretKey key, byte[] sealed) {
        if (sealed.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new TamperedValue(reference);
        }
        try {
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData(reference));
            return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new TamperedValue(reference);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unsealing failed", e);
        }
    }
}
