package org.mincard.application.vault.keys;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * KEKs that live inside a PKCS#11 token (an HSM, SoftHSM2, or a cloud KMS's PKCS#11 library), reached through the
 * JDK's SunPKCS11 provider. Each KEK is an AES-256 secret-key object, sensitive and non-extractable, named by its
 * label; this process only holds handles to them. A data key is wrapped by encrypting it inside the token with
 * AES-GCM (CKM_AES_GCM) under a random 96-bit nonce, the associated data bound as GCM AAD; the stored form is
 * {@code nonce || ciphertext || tag}, exactly as {@link LocalKeyEncryptionKeys} writes it. (CKM_AES_KEY_WRAP has no
 * associated data, so it could not bind a wrapped key to its row; see ADR 0011.)
 */
final class Pkcs11KeyEncryptionKeys implements RotatableKeyEncryptionKeys {

    private static final Logger LOG = LoggerFactory.getLogger(Pkcs11KeyEncryptionKeys.class);
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final long CURRENT_CHECK_NANOS = Duration.ofMinutes(1).toNanos();

    private final KekProperties.Pkcs11 settings;
    private final String configuredCurrent;
    private final Pattern versionLabel;
    private final Provider provider;
    private final KeyStore token;
    private volatile Map<String, SecretKey> handles = Map.of();
    private volatile String currentKekId;
    private volatile long loadedAt = System.nanoTime();
    private final SecureRandom random = new SecureRandom();

    private Pkcs11KeyEncryptionKeys(KekProperties.Pkcs11 settings, String configuredCurrent, KeyStore token) {
        this.settings = settings;
        this.configuredCurrent = configuredCurrent;
        this.versionLabel = settings.createsVersions()
                ? Pattern.compile(Pattern.quote(settings.versionPrefix()) + "(\\d{1,9})") : null;
        this.provider = token.getProvider();
        this.token = token;
    }

    /**
     * Logs into the token and finds the KEKs; refuses a KEK that is missing, not AES or extractable. With a
     * {@code version-prefix} and no version on the token yet, generates the first one ({@code <prefix>1}).
     */
    static Pkcs11KeyEncryptionKeys open(KekProperties.Pkcs11 settings, String currentId) {
        String current = currentId != null && !currentId.isBlank() ? currentId.trim() : null;
        Pkcs11KeyEncryptionKeys keks = new Pkcs11KeyEncryptionKeys(settings, current, login(settings));
        synchronized (keks.token) {
            keks.load(true);
            if (keks.createsVersions() && keks.handles.keySet().stream().noneMatch(keks::isVersion)) {
                if (keks.handles.isEmpty()) {
                    generate(settings, settings.versionPrefix() + "1");
                    keks.reload(true);
                } else {
                    LOG.info("No KEK version labelled '{}<n>' on the PKCS#11 token yet: the first scheduled"
                            + " rotation generates '{}1'", settings.versionPrefix(), settings.versionPrefix());
                }
            }
        }
        LOG.info("Vault KEKs held by the PKCS#11 token: {}; current KEK '{}'{}", keks.heldKekIds(),
                keks.currentKekId, keks.createsVersions()
                        ? "; new versions are generated in the token as '" + settings.versionPrefix() + "<n>'" : "");
        return keks;
    }

    /**
     * Creates an AES-256 KEK inside the token (sensitive, non-extractable, a token object) under {@code label}: for
     * tests and for tokens without vendor tooling. A city usually creates it with its HSM's own tools.
     */
    static void createKey(KekProperties.Pkcs11 settings, String label) {
        generate(settings, label);
    }

    /**
     * One C_GenerateKey with every attribute in its template, the label included: a private token object, sensitive
     * and non-extractable. (Generating first and labelling through {@code KeyStore.setEntry} would C_CopyObject the
     * key and leave the unlabelled original on the token, where deleting the labelled KEK would not reach it.)
     */
    private static void generate(KekProperties.Pkcs11 settings, String label) {
        KeyStore token = login(settings, "mincard-kek-generate", """
                attributes(generate, CKO_SECRET_KEY, CKK_AES) = {
                  CKA_TOKEN = true
                  CKA_PRIVATE = true
                  CKA_SENSITIVE = true
                  CKA_EXTRACTABLE = false
                  CKA_LABEL = 0h%s
                }
                """.formatted(HexFormat.of().formatHex(label.getBytes(StandardCharsets.UTF_8))));
        try {
            if (token.containsAlias(label)) {
                throw new IllegalStateException("the PKCS#11 token already holds a key labelled '" + label + "'");
            }
            KeyGenerator generator = KeyGenerator.getInstance("AES", token.getProvider());
            generator.init(256);
            generator.generateKey();
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

    /**
     * Reads the held keys and the current one from the token; the caller holds the token's monitor. {@code strict}
     * (at start-up): a configured label missing from the token is refused; later (a re-read) it was destroyed,
     * possibly by another node, and is no longer held.
     */
    private void load(boolean strict) {
        Map<String, SecretKey> found = new HashMap<>();
        try {
            Set<String> labels = new LinkedHashSet<>(settings.labels());
            for (String alias : Collections.list(token.aliases())) {
                if (createsVersions() ? isVersion(alias) && isSecretKey(token, alias)
                        : settings.labels().isEmpty() && isSecretKey(token, alias)) {
                    labels.add(alias);
                }
            }
            for (String label : labels) {
                Key key = token.getKey(label, null);
                if (key == null && !strict) {
                    continue;
                }
                if (!(key instanceof SecretKey secret) || !"AES".equalsIgnoreCase(key.getAlgorithm())) {
                    throw new IllegalStateException("the PKCS#11 token has no AES key labelled '" + label
                            + "' (mincard.vault.kek.pkcs11.labels)");
                }
                if (secret.getEncoded() != null) {
                    throw new IllegalStateException("the PKCS#11 key labelled '" + label + "' is extractable; a KEK"
                            + " must be created sensitive and non-extractable (docs/runbook.md)");
                }
                found.put(label, secret);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the KEKs on the PKCS#11 token", e);
        }
        if (found.isEmpty() && createsVersions() && configuredCurrent == null) {
            handles = Map.of();
            currentKekId = null;
            return;
        }
        String current = found.keySet().stream().filter(this::isVersion)
                .max(Comparator.comparingLong(this::version)).orElse(configuredCurrent);
        if (current == null) {
            if (found.size() != 1) {
                throw new IllegalStateException(found.size() + " KEKs are on the PKCS#11 token "
                        + new TreeSet<>(found.keySet()) + "; set mincard.vault.kek.current-id to the label of the"
                        + " one that wraps new data keys");
            }
            current = found.keySet().iterator().next();
        }
        if (!found.containsKey(current)) {
            throw new IllegalStateException("mincard.vault.kek.current-id names KEK '" + current + "', which is not"
                    + " on the PKCS#11 token " + new TreeSet<>(found.keySet()));
        }
        handles = Map.copyOf(found);
        currentKekId = current;
        loadedAt = System.nanoTime();
    }

    private boolean createsVersions() {
        return versionLabel != null;
    }

    private boolean isVersion(String label) {
        return versionLabel != null && versionLabel.matcher(label).matches();
    }

    private long version(String label) {
        var matcher = versionLabel.matcher(label);
        return matcher.matches() ? Long.parseLong(matcher.group(1)) : -1;
    }

    @Override
    public boolean canCreateVersions() {
        return createsVersions();
    }

    /**
     * Generates the next version ({@code <prefix><highest + 1>}) inside the token: AES-256, a token object,
     * sensitive and non-extractable (the provider's generate template), and makes it current. The KEK epoch lock
     * keeps two nodes from doing this at once; the token is re-read first, so a version another node generated counts.
     */
    @Override
    public String createVersion() {
        if (!createsVersions()) {
            throw new IllegalStateException("set mincard.vault.kek.pkcs11.version-prefix to let the service generate"
                    + " KEK versions in the token, or create one with the HSM's tools and set"
                    + " mincard.vault.kek.current-id to its label");
        }
        synchronized (token) {
            reload(false);
            long highest = handles.keySet().stream().filter(this::isVersion).mapToLong(this::version).max()
                    .orElse(0);
            String label = settings.versionPrefix() + (highest + 1);
            generate(settings, label);
            reload(false);
            if (!label.equals(currentKekId)) {
                throw new IllegalStateException("the PKCS#11 token did not return the new KEK '" + label + "'");
            }
            LOG.info("KEK version '{}' generated in the PKCS#11 token (sensitive, non-extractable)", label);
            return label;
        }
    }

    /** Re-reads the token: versions another node generated or destroyed since this one last looked. */
    @Override
    public void refresh() {
        synchronized (token) {
            reload(false);
        }
    }

    private void reload(boolean strict) {
        char[] pin = settings.pin().read("mincard.vault.kek.pkcs11.pin").toCharArray();
        try {
            token.load(null, pin);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot read the keys on the PKCS#11 token again", e);
        } finally {
            Arrays.fill(pin, '\0');
        }
        load(strict);
    }

    private static KeyStore login(KekProperties.Pkcs11 settings) {
        return login(settings, "mincard-kek", """
                attributes(generate, CKO_SECRET_KEY, CKK_AES) = {
                  CKA_TOKEN = true
                  CKA_SENSITIVE = true
                  CKA_EXTRACTABLE = false
                }
                """);
    }

    private static KeyStore login(KekProperties.Pkcs11 settings, String name, String attributes) {
        StringBuilder config = new StringBuilder("--name = ").append(name).append('\n')
                .append("library = \"").append(settings.library().toAbsolutePath()).append("\"\n");
        if (settings.slot() != null) {
            config.append("slot = ").append(settings.slot()).append('\n');
        } else {
            config.append("slotListIndex = ").append(settings.slotListIndex() == null ? 0 : settings.slotListIndex())
                    .append('\n');
        }
        config.append(attributes);
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
        if (createsVersions() && System.nanoTime() - loadedAt > CURRENT_CHECK_NANOS) {
            // Another node may have generated a newer version: wrap under it rather than leave work for a rotation.
            refresh();
        }
        String current = currentKekId;
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION, provider);
            cipher.init(Cipher.ENCRYPT_MODE, handle(current), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData);
            byte[] sealed = cipher.doFinal(dataKey);
            byte[] wrapped = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, wrapped, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, wrapped, NONCE_BYTES, sealed.length);
            return new WrappedKey(current, wrapped);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the PKCS#11 token cannot wrap a data key under KEK '" + current
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
        synchronized (token) {
            // Deleted, then looked for again after a fresh read of the token: a delete that did not take (a token
            // that answered OK from a stale view) is retried, and one that never takes fails the destruction.
            for (int attempt = 1; ; attempt++) {
                try {
                    if (token.containsAlias(kekId)) {
                        token.deleteEntry(kekId);
                    }
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException("the PKCS#11 token did not delete KEK '" + kekId + "'", e);
                }
                reload(false);
                if (!handles.containsKey(kekId)) {
                    break;
                }
                if (attempt == 3) {
                    throw new IllegalStateException("KEK '" + kekId + "' is still on the PKCS#11 token after "
                            + attempt + " deletions");
                }
                LOG.warn("KEK '{}' was still on the PKCS#11 token after deletion; deleting it again", kekId);
            }
        }
        LOG.info("KEK '{}' deleted from the PKCS#11 token", kekId);
    }

    /** The key's handle; a label this node does not know yet (another node generated it) makes it re-read the token. */
    private SecretKey handle(String kekId) {
        SecretKey key = handles.get(kekId);
        if (key == null && createsVersions() && isVersion(kekId)) {
            refresh();
            key = handles.get(kekId);
        }
        if (key == null) {
            throw new IllegalStateException("KEK '" + kekId + "' is not held by the PKCS#11 token of this node");
        }
        return key;
    }
}
