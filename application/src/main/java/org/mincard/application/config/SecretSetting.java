package org.mincard.application.config;

import org.springframework.util.StringUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One secret as every secret of mincard is configured: either {@code value} (the secret itself, typically from an
 * environment variable {@code …_VALUE}) or {@code file} (a path to a file holding it, typically a mounted secret,
 * environment variable {@code …_FILE}), never both. See the key table in README.md and docs/privacy.md.
 *
 * <p>Messages name the setting, never the secret.
 */
public record SecretSetting(String value, Path file) {

    public static final SecretSetting NONE = new SecretSetting(null, null);

    /** True when a value or a file is given. */
    public boolean isSet() {
        return StringUtils.hasText(value) || file != null && StringUtils.hasText(file.toString());
    }

    /** The secret's text (trimmed); {@code setting} names it in failures, e.g. {@code mincard.blind-index.key}. */
    public String read(String setting) {
        boolean hasValue = StringUtils.hasText(value);
        boolean hasFile = file != null && StringUtils.hasText(file.toString());
        if (hasValue == hasFile) {
            throw new IllegalStateException(setting + " needs exactly one of " + setting + ".value or " + setting
                    + ".file");
        }
        if (hasValue) {
            return value.trim();
        }
        try {
            return Files.readString(file, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + setting + ".file " + file.toAbsolutePath(), e);
        }
    }

    @Override
    public String toString() {
        return "SecretSetting[" + (StringUtils.hasText(value) ? "value=(hidden)" : "file=" + file) + "]";
    }
}
