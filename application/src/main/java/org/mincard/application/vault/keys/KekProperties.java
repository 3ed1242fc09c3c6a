package org.mincard.application.vault.keys;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the key-encryption keys come from. Either {@code keys} lists them (each a base64 value, typically from an
 * environment variable, or a file holding the base64 value), or, when {@code keys} is empty, every {@code <id>.kek}
 * file in {@code directory} is loaded and the first start creates one. {@code currentId} names the KEK that wraps
 * new data keys; it may be omitted when only one KEK is loaded.
 */
@ConfigurationProperties("mincard.vault.kek")
record KekProperties(String currentId, Map<String, KekSource> keys, Path directory) {

    KekProperties {
        keys = keys == null ? Map.of() : Map.copyOf(keys);
        directory = directory == null ? Path.of("data", "keys") : directory;
    }

    /** One configured KEK: exactly one of a base64 value or a file holding it. */
    record KekSource(String value, Path file) {
    }
}
