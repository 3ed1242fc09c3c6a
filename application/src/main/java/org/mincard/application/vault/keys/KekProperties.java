package org.mincard.application.vault.keys;

import org.mincard.application.config.SecretSetting;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.util.StringUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Where the key-encryption keys come from, in this order:
 * <ol>
 *   <li>{@code pkcs11}: AES keys inside a PKCS#11 token (an HSM, or a cloud KMS's PKCS#11 library), named by their
 *       labels; the KEK never exists in this process;</li>
 *   <li>{@code keys}: each a base64 value (typically from an environment variable) or a file holding it;</li>
 *   <li>the embedded demo only: every {@code <id>.kek} file in {@code directory}, created at the first start.</li>
 * </ol>
 * {@code currentId} names the KEK (for PKCS#11: the key label) that wraps new data keys; it may be omitted when only
 * one KEK is loaded. {@code destroyedRegister} records destroyed local KEK ids (no key material).
 */
@ConfigurationProperties("mincard.vault.kek")
record KekProperties(String currentId, Map<String, KekSource> keys, Path directory, Pkcs11 pkcs11,
                     Path destroyedRegister) {

    @ConstructorBinding
    KekProperties {
        keys = keys == null ? Map.of() : Map.copyOf(keys);
        directory = directory == null ? Path.of("data", "demo-keys") : directory;
        pkcs11 = pkcs11 == null ? new Pkcs11(null, null, null, null, null, null) : pkcs11;
        destroyedRegister = destroyedRegister == null ? Path.of("data", "destroyed-keks") : destroyedRegister;
    }

    KekProperties(String currentId, Map<String, KekSource> keys, Path directory) {
        this(currentId, keys, directory, null, null);
    }

    /** One configured KEK: exactly one of a base64 value or a file holding it. */
    record KekSource(String value, Path file) {
    }

    /**
     * A PKCS#11 token holding the KEKs: the vendor's PKCS#11 library, the token's slot (its id, {@code slot}, or its
     * index in the library's slot list, {@code slot-list-index}, default 0), the user PIN ({@code pin.value} or
     * {@code pin.file}) and the labels of the AES keys this installation holds (empty: every AES key on the token).
     *
     * <p>{@code versionPrefix} lets the KEK epoch schedule generate new KEK versions inside the token, labelled
     * {@code <prefix><n>} (ADR 0017): the installation then holds every AES key so labelled (plus any {@code labels}),
     * the newest version is current, and the first version is generated at the first start if the token has none.
     */
    record Pkcs11(Path library, Long slot, Integer slotListIndex, SecretSetting pin, List<String> labels,
                  String versionPrefix) {
        @ConstructorBinding
        Pkcs11 {
            pin = pin == null ? SecretSetting.NONE : pin;
            labels = labels == null ? List.of() : List.copyOf(labels);
            versionPrefix = StringUtils.hasText(versionPrefix) ? versionPrefix.trim() : null;
            if (versionPrefix != null && !versionPrefix.matches("[A-Za-z0-9][A-Za-z0-9_-]{0,53}")) {
                throw new IllegalArgumentException("mincard.vault.kek.pkcs11.version-prefix must be 1-54 letters,"
                        + " digits, '_' or '-', starting with a letter or digit");
            }
        }

        Pkcs11(Path library, Long slot, Integer slotListIndex, SecretSetting pin, List<String> labels) {
            this(library, slot, slotListIndex, pin, labels, null);
        }

        boolean createsVersions() {
            return versionPrefix != null;
        }

        boolean enabled() {
            return library != null && StringUtils.hasText(library.toString());
        }
    }
}
