package org.mincard.application.vault.keys;

import org.mincard.application.config.SecretSetting;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real SoftHSM2 token for the PKCS#11 tests (Debian package {@code softhsm2}, installed by {@code .ci/run}). The
 * library reads its configuration from {@code SOFTHSM2_CONF}, which the build points into {@code target/}; the first
 * use in a JVM writes that configuration with a fresh token folder and initialises one token in it. Its PIN is kept
 * in a file, the way a mounted secret would be.
 */
public final class SoftHsm {

    static final String TOKEN_LABEL = "mincard-test";
    private static final List<Path> LIBRARIES = List.of(Path.of("/usr/lib/softhsm/libsofthsm2.so"),
            Path.of("/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so"), Path.of("/usr/lib64/libsofthsm2.so"));
    private static KekProperties.Pkcs11 token;
    private static Path tokenDirectory;

    private SoftHsm() {
    }

    /** The token's settings (library, slot-list index 0, PIN file) with these key labels. */
    static KekProperties.Pkcs11 settings(List<String> labels) {
        KekProperties.Pkcs11 base = token();
        return new KekProperties.Pkcs11(base.library(), null, 0, base.pin(), labels);
    }

    /** Creates an AES-256 KEK on the token under a unique label starting with {@code prefix}; returns the label. */
    static String createKek(String prefix) {
        String label = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        Pkcs11KeyEncryptionKeys.createKey(settings(List.of()), label);
        return label;
    }

    /** The token's settings for an installation whose KEK versions are generated in it as {@code <prefix><n>}. */
    static KekProperties.Pkcs11 versionedSettings(String prefix) {
        KekProperties.Pkcs11 base = token();
        return new KekProperties.Pkcs11(base.library(), null, 0, base.pin(), List.of(), prefix);
    }

    /** A version prefix no other test uses on the shared token. */
    public static String uniquePrefix(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "-v";
    }

    /**
     * Spring settings for a node whose KEK versions the service generates in the test token as {@code <prefix><n>}
     * (the first one at its first start).
     */
    public static List<String> versionedSpringProperties(String prefix) {
        KekProperties.Pkcs11 settings = token();
        return List.of("mincard.vault.kek.pkcs11.library=" + settings.library(),
                "mincard.vault.kek.pkcs11.slot-list-index=0",
                "mincard.vault.kek.pkcs11.pin.file=" + settings.pin().file(),
                "mincard.vault.kek.pkcs11.version-prefix=" + prefix);
    }

    /** The PKCS#11 library of the test token. */
    public static Path library() {
        return token().library();
    }

    /**
     * How many objects the token's files hold (SoftHSM2 keeps one {@code <uuid>.object} file per token object, beside
     * the token's own {@code token.object}): every key object, labelled or not. The tests create secret keys only.
     */
    public static long keyObjectsOnToken() {
        token();
        try (var files = Files.walk(tokenDirectory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".object")
                    && !file.getFileName().toString().equals("token.object")).count();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list the SoftHSM2 token's files", e);
        }
    }

    /** The file holding the test token's user PIN. */
    public static Path pinFile() {
        return token().pin().file();
    }

    /** Spring settings for a node whose KEKs are these labels on the test token. */
    static List<String> springProperties(String current, List<String> labels) {
        KekProperties.Pkcs11 settings = token();
        List<String> properties = new ArrayList<>(List.of(
                "mincard.vault.kek.pkcs11.library=" + settings.library(),
                "mincard.vault.kek.pkcs11.slot-list-index=0",
                "mincard.vault.kek.pkcs11.pin.file=" + settings.pin().file(),
                "mincard.vault.kek.current-id=" + current));
        for (int i = 0; i < labels.size(); i++) {
            properties.add("mincard.vault.kek.pkcs11.labels[" + i + "]=" + labels.get(i));
        }
        return properties;
    }

    private static synchronized KekProperties.Pkcs11 token() {
        if (token != null) {
            return token;
        }
        String conf = System.getenv("SOFTHSM2_CONF");
        if (conf == null || conf.isBlank()) {
            throw new IllegalStateException("SOFTHSM2_CONF is not set: run the PKCS#11 tests through Maven"
                    + " (failsafe sets it)");
        }
        Path library = LIBRARIES.stream().filter(Files::isRegularFile).findFirst().orElseThrow(() ->
                new IllegalStateException("SoftHSM2 is not installed (Debian: apt-get install softhsm2; .ci/run"
                        + " installs it)"));
        try {
            Path confFile = Path.of(conf).toAbsolutePath();
            Path tokens = confFile.resolveSibling("tokens-" + UUID.randomUUID());
            Files.createDirectories(tokens);
            tokenDirectory = tokens;
            Files.writeString(confFile, "directories.tokendir = " + tokens + "\nobjectstore.backend = file\n"
                    + "log.level = ERROR\nslots.removable = false\n", StandardCharsets.US_ASCII);
            Path pinFile = confFile.resolveSibling("user-pin");
            String pin = UUID.randomUUID().toString().substring(0, 12);
            Files.writeString(pinFile, pin + "\n", StandardCharsets.US_ASCII);
            Process init = new ProcessBuilder("softhsm2-util", "--init-token", "--free", "--label", TOKEN_LABEL,
                    "--pin", pin, "--so-pin", UUID.randomUUID().toString().substring(0, 12))
                    .redirectErrorStream(true).start();
            String output = new String(init.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!init.waitFor(60, TimeUnit.SECONDS) || init.exitValue() != 0) {
                throw new IllegalStateException("softhsm2-util --init-token failed: " + output);
            }
            token = new KekProperties.Pkcs11(library, null, 0, new SecretSetting(null, pinFile), List.of());
            return token;
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare the SoftHSM2 token", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
