package org.mincard.application.config;

import org.springframework.core.env.Environment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Every secret key as a real installation supplies it (a mounted secret file each), for tests that start a node
 * outside the embedded demo (an external database, JWT mode, a profile), which the key custody guard otherwise
 * refuses.
 */
public final class TestKeys {

    private static List<String> fresh;

    private TestKeys() {
    }

    /** Settings naming freshly generated key files (one set per JVM, outside any database folder). */
    public static synchronized List<String> settings() {
        if (fresh == null) {
            fresh = settingsIn(Path.of("target", "test-keys", UUID.randomUUID().toString()));
        }
        return fresh;
    }

    /** Settings naming key files in {@code directory}, generated there the first time (kept for later runs). */
    public static List<String> settingsIn(Path directory) {
        Path absolute = directory.toAbsolutePath();
        try {
            Files.createDirectories(absolute);
            return List.of(
                    "mincard.vault.kek.keys.test-1.file=" + write(absolute.resolve("kek"), random(32)),
                    "mincard.blind-index.key.file=" + write(absolute.resolve("blind-index"), random(32)),
                    "mincard.retention.signing.key.file=" + write(absolute.resolve("manifest.pem"), ed25519()),
                    "mincard.oversight.checkpoints.signing-key.file="
                            + write(absolute.resolve("checkpoint.pem"), ed25519()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@link #settings()} as command-line arguments. */
    public static String[] arguments() {
        return settings().stream().map(setting -> "--" + setting).toArray(String[]::new);
    }

    /**
     * Settings naming the key files the embedded demo node {@code demo} generated, so that a second node (on the
     * same database, configured as an external one) holds the same keys, supplied explicitly.
     */
    public static List<String> sameAs(Environment demo) {
        Path demoKeys = Path.of(demo.getRequiredProperty("mincard.keys.demo-directory")).toAbsolutePath();
        Path kekDirectory = Path.of(demo.getRequiredProperty("mincard.vault.kek.directory")).toAbsolutePath();
        return List.of(
                "mincard.vault.kek.keys.local-1.file=" + kekDirectory.resolve("local-1.kek"),
                "mincard.blind-index.key.file=" + demoKeys.resolve("blind-index.key"),
                "mincard.retention.signing.key.file="
                        + Path.of(demo.getRequiredProperty("mincard.retention.signing.generated-key-file"))
                        .toAbsolutePath(),
                "mincard.oversight.checkpoints.signing-key.file="
                        + Path.of(demo.getRequiredProperty("mincard.oversight.checkpoints.generated-key-directory"))
                        .toAbsolutePath().resolve("checkpoint-signing.key.pem"));
    }

    private static String random(int bytes) {
        byte[] key = new byte[bytes];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static String ed25519() {
        try {
            byte[] der = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded();
            return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(der)
                    + "\n-----END PRIVATE KEY-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path write(Path file, String content) throws IOException {
        if (!Files.exists(file)) {
            Files.writeString(file, content, StandardCharsets.US_ASCII);
        }
        return file;
    }
}
