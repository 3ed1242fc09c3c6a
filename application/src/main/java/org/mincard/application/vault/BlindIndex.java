package org.mincard.application.vault;

import org.mincard.application.config.KeyCustodyGuard;
import org.mincard.application.config.SecretSetting;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Keyed blind index: HMAC-SHA256 of a normalized value under a key that is not in the database. Lets mincard find a
 * card by its number (and, later, a name by its tokens) without storing the value; without the key the index reveals
 * nothing, not even to a dictionary attack. Each use names a domain so equal values in different fields never match.
 */
@Component
public class BlindIndex {

    private static final Logger LOG = LoggerFactory.getLogger(BlindIndex.class);

    private static final String SETTING = "mincard.blind-index.key";

    private final SecretKeySpec key;

    /**
     * The key is {@code mincard.blind-index.key.value} (base64) or {@code .file} (a file holding it); only the
     * embedded demo ({@link KeyCustodyGuard#GENERATE}) generates one into its demo key folder.
     */
    public BlindIndex(@Value("${mincard.blind-index.key.value:}") String configuredKey,
                      @Value("${mincard.blind-index.key.file:}") String configuredFile,
                      @Value("${mincard.keys.demo-directory:${mincard.data-directory}/demo-keys}") String demoDirectory,
                      @Value("${" + KeyCustodyGuard.GENERATE + ":false}") boolean generate) {
        SecretSetting setting = new SecretSetting(configuredKey,
                StringUtils.hasText(configuredFile) ? Path.of(configuredFile) : null);
        byte[] bytes;
        if (setting.isSet()) {
            try {
                bytes = Base64.getDecoder().decode(setting.read(SETTING));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(SETTING + " is not valid base64");
            }
        } else if (generate) {
            bytes = keyFile(Path.of(demoDirectory, "blind-index.key"));
        } else {
            throw new IllegalStateException(SETTING + " is not configured (set " + SETTING + ".value or " + SETTING
                    + ".file); only the embedded demo generates keys");
        }
        this.key = new SecretKeySpec(bytes, "HmacSHA256");
        if (key.getEncoded().length < 32) {
            throw new IllegalStateException(SETTING + " must hold at least 32 bytes (base64)");
        }
    }

    /** The index of {@code value} within {@code domain} (e.g. "card-number"). */
    public byte[] of(String domain, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(domain.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }

    private static byte[] keyFile(Path file) {
        try {
            if (Files.exists(file)) {
                return Base64.getDecoder().decode(Files.readString(file).trim());
            }
            if (!Files.isDirectory(file.getParent())) {
                Files.createDirectories(file.getParent(),
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            byte[] generated = new byte[32];
            new SecureRandom().nextBytes(generated);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, Base64.getEncoder().encodeToString(generated));
            LOG.debug("Generated the demo blind-index key in {}", file);
            return generated;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the blind-index key file", e);
        }
    }
}
