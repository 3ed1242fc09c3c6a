package org.mincard.application.vault;

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

    private final SecretKeySpec key;

    public BlindIndex(@Value("${mincard.blind-index.key:}") String configuredKey,
                      @Value("${mincard.data-directory}") String dataDirectory) {
        this.key = new SecretKeySpec(StringUtils.hasText(configuredKey)
                ? Base64.getDecoder().decode(configuredKey.trim())
                : keyFile(Path.of(dataDirectory, "keys", "blind-index.key")), "HmacSHA256");
        if (key.getEncoded().length < 32) {
            throw new IllegalStateException("mincard.blind-index.key must hold at least 32 bytes (base64)");
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
            LOG.warn("Generated a blind-index key in {}. Production must supply its own (mincard.blind-index.key) "
                    + "and keep it outside the database and its backups.", file);
            return generated;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the blind-index key file", e);
        }
    }
}
