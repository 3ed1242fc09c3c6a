package org.mincard.application.vault.keys;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * KEKs that live inside a PKCS#11 token (an HSM, SoftHSM2, or a cloud KMS's PKCS#11 library), reached through the
 * JDK's SunPKCS11 provider. Each KEK is an AES-256 secret-key object, sensitive and non-extractable, named by its
 * label; this process only holds handles to them. A data key is wrapped by encrypting it inside the token with
 * AES-GCM (CKM_AES_GCM) under a random 96-bit nonce, the associated data bound as GCM AAD; the stored form is
 * {@code nonce || ciphertext || tag}, exactly as {@link LocalKeyEncryptionKeys} writes it. (CKM_AES_KEY_WRAP has no
 * associated data, so it could not bind a wrapped key to its row; see ADR 0011.)
 */
final class Pkcs11KeyEncryptionKeys implements KeyEncryptionKeys {

    private static final Logger LOG = LoggerFactory.getLogger(Pkcs11KeyEncryptionKeys.class);
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private final Provider provider;
    private final KeyStore token;
    private final Map<String, SecretKey> handles;
    private final String currentKekId;
    private final SecureRandom random = new SecureRandom();

    private Pkcs11KeyEncryptionKeys(Provider provider, KeyStore token, Map<String, SecretKey> handles,
                                    String currentKekId) {
        this.provider = provider;
        this.token = token;
        this.handles = new ConcurrentHashMap<>(handles);
        this.currentKekId = currentKekId;
    }

    /** Logs into the token and finds the configured KEKs; refuses a KEK that is missing, not AES or extractable. */
    static Pkcs11KeyEncryptionKeys open(KekProperties.Pkcs11 settings, String currentId) {
        KeyStore token = login(settings);
        Map<String, SecretKey> handles = new ConcurrentHashMap<>();
        try {
            List<String> labels = settings.labels().isEmpty()
                    ? Collections.list(token.aliases()).stream().filter(alias -> isSecretKey(token, alias)).toList()
                    : settings.labels();
            for (String label : labels) {
                Key key = token.getKey(label, null);
                if (!(key instanceof SecretKey secret) || !"AES".equalsIgnoreCase(key.getAlgorithm())) {
                    throw new IllegalStateException("the PKCS#11 token has no AES key labelled '" + label
                            + "' (mincard.vault.kek.pkcs11.labels)");
                }
                if (secret.getEncoded() != null) {
                    throw new IllegalStateException("the PKCS#11 key labelled '" + label + "' is extractable; a KEK"
                            + " must be created sensitive and non-extractable (docs/runbook.md)");
                }
                handles.put(label, secret);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the KEKs on the PKCS#11 token", e);
        }
        String current = currentId != null && !currentId.isBlank() ? currentId.trim() : null;
        if (current == null) {
            if (handles.size() != 1) {
                throw new IllegalStateException(handles.size() + " KEKs are on the PKCS#11 token "
                        + new TreeSet<>(handles.keySet()) + "; set mincard.vault.kek.current-id to the label of the"
                        + " one that wraps new data keys");
            }
            current = handles.keySet().iterator().next();
        }
        if (!handles.containsKey(current)) {
            throw new IllegalStateException("mincard.vault.kek.current-id names KEK '" + current + "', which is not"
                    + " on the PKCS#11 token " + new TreeSet<>(handles.keySet()));
        }
        LOG.info("Vault KEKs held by the PKCS#11 token: {}; current KEK '{}'", new TreeSet<>(handles.keySet()),
                current);
        return new Pkcs11KeyEncryptionKeys(token.getProvider(), token, handles, current);
    }

    /**
     * Creates an AES-256 KEK inside the token (sensitive, non-extractable, a token object) under {@code label}: for
     * tests and for tokens without vendor tooling. A city usually creates it with its HSM's own tools.
     */
    static void createKey(KekProperties.Pkcs11 settings, String label) {
        KeyStore token = login(settings);
        try {
            if (token.containsAlias(label)) {
                throw new IllegalStateException("the PKCS#11 token already holds a key labelled '" + label + "'");
            }
            KeyGenerator generator = KeyGenerator.getInstance("AES", token.getProvider());
            generator.init(256);
            token.setEntry(label, new KeyStore.SecretKeyEntry(generator.generateKey()), null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create the KEK '" + label + "' on the PKCS#11 token", e);
        }
    }

    /** The labels of the AES keys on the token right now (a fresh look, not this instance's handles). */
    static Set<String> labelsOnToken(KekProperties.Pkcs11 settings) {
        KeyStore token = login(settings);
        try {
            Set<String> labels = new TreeSet<>();
            for (String alias : Collections.list(token.aliases())) {
                if (isSecretKey(token, alias)) {
                    labels.add(alias);
                }
            }
            return labels;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot list the keys on the PKCS#11 token", e);
        }
    }

    private static KeyStore login(KekProperties.Pkcs11 settings) {
        StringBuilder config = new StringBuilder("--name = mincard-kek\n")
                .append("library = \"").append(settings.library().toAbsolutePath()).append("\"\n");
        if (settings.slot() != null) {
            config.append("slot = ").append(settings.slot()).append('\n');
        } else {
            config.append("slotListIndex = ").append(settings.slotListIndex() == null ? 0 : settings.slotListIndex())
                    .append('\n');
        }
        config.append("""
                attributes(generate, CKO_SECRET_KEY, CKK_AES) = {
                  CKA_TOKEN = true
                  CKA_SENSITIVE = true
                  CKA_EXTRACTABLE = false
                }
                """);
        Provider base = Security.getProvider("SunPKCS11");
        if (base == null) {
            throw new IllegalStateException("the JDK's SunPKCS11 provider is not available");
        }
        char[] pin = settings.pin().read("mincard.vault.kek.pkcs11.pin").toCharArray();
        try {
            Provider provider = base.configure(config.toString());
            KeyStore token = KeyStore.getInstance("PKCS11", provider);
            token.load(null, pin);
            return token;
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            throw new IllegalStateException("cannot log into the PKCS#11 token (mincard.vault.kek.pkcs11: library "
                    + settings.library() + ", " + (settings.slot() != null ? "slot " + settings.slot()
                    : "slot-list-index " + (settings.slotListIndex() == null ? 0 : settings.slotListIndex()))
                    + ")", e);
        } finally {
            Arrays.fill(pin, '\0');
        }
    }

    private static boolean isSecretKey(KeyStore token, String alias) {
        try {
            return token.entryInstanceOf(alias, KeyStore.SecretKeyEntry.class);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    @Override
    public String currentKekId() {
        return currentKekId;
    }

    @Override
    public boolean knows(String kekId) {
        return handles.containsKey(kekId);
    }

    @Override
    public WrappedKey wrap(byte[] dataKey, byte[] associatedData) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION, provider);
            cipher.init(Cipher.ENCRYPT_MODE, handle(currentKekId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData);
            byte[] sealed = cipher.doFinal(dataKey);
            byte[] wrapped = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, wrapped, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, wrapped, NONCE_BYTES, sealed.length);
            return new WrappedKey(currentKekId, wrapped);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the PKCS#11 token cannot wrap a data key under KEK '" + currentKekId
                    + "'", e);
        }
    }

    @Override
    public byte[] unwrap(WrappedKey wrappedKey, byte[] associatedData) {
        byte[] wrapped = wrappedKey.bytes();
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION, provider);
            cipher.init(Cipher.DECRYPT_MODE, handle(wrappedKey.kekId()),
                    new GCMParameterSpec(TAG_BITS, wrapped, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(wrapped, NONCE_BYTES, wrapped.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a wrapped data key failed authentication under KEK '"
                    + wrappedKey.kekId() + "' on the PKCS#11 token", e);
        }
    }

    @Override
    public Set<String> heldKekIds() {
        return new TreeSet<>(handles.keySet());
    }

    /** Deletes the key object from the token (C_DestroyObject); the current KEK cannot be destroyed. */
    @Override
    public void destroy(String kekId) {
        if (currentKekId.equals(kekId)) {
            throw new IllegalStateException("KEK '" + kekId + "' is the current KEK; rotate to another before"
                    + " destroying it");
        }
        try {
            synchronized (token) {
                if (token.containsAlias(kekId)) {
                    token.deleteEntry(kekId);
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the PKCS#11 token did not delete KEK '" + kekId + "'", e);
        }
        handles.remove(kekId);
        LOG.info("KEK '{}' deleted from the PKCS#11 token", kekId);
    }

    private SecretKey handle(String kekId) {
        SecretKey key = handles.get(kekId);
        if (key == null) {
            throw new IllegalStateException("KEK '" + kekId + "' is not held by the PKCS#11 token of this node");
        }
        return key;
    }
}
