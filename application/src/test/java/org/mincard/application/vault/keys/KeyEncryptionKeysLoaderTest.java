package org.mincard.application.vault.keys;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(OutputCaptureExtension.class)
class KeyEncryptionKeysLoaderTest {

    @TempDir
    Path temp;

    @Test
    void createsAnOwnerOnlyKeyFileAndWarns_whenNoKekIsConfigured(CapturedOutput output) throws Exception {
        Path directory = temp.resolve("keys");

        LocalKeyEncryptionKeys keks = KeyEncryptionKeysLoader.load(new KekProperties(null, Map.of(), directory));

        Path file = directory.resolve("local-1.kek");
        assertThat(keks.currentKekId()).isEqualTo("local-1");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
        assertThat(Base64.getDecoder().decode(Files.readString(file).strip())).hasSize(32);
        // The embedded demo says so once, at start-up (KeyCustodyGuard); the loader itself does not warn.
        assertThat(output.getAll()).doesNotContain("WARN");
    }

    @Test
    void reusesTheKeyFile_whenStartedAgain() {
        KekProperties properties = new KekProperties(null, Map.of(), temp.resolve("keys"));
        LocalKeyEncryptionKeys first = KeyEncryptionKeysLoader.load(properties);
        WrappedKey wrapped = first.wrap(new byte[32], "aad".getBytes(StandardCharsets.UTF_8));

        LocalKeyEncryptionKeys second = KeyEncryptionKeysLoader.load(properties);

        assertThat(second.unwrap(wrapped, "aad".getBytes(StandardCharsets.UTF_8))).isEqualTo(new byte[32]);
    }

    @Test
    void refusesToUnwrap_whenTheAssociatedDataDiffers() {
        LocalKeyEncryptionKeys keks = KeyEncryptionKeysLoader.load(
                new KekProperties(null, Map.of("k1", new KekProperties.KekSource(randomKek(), null)), temp));
        WrappedKey wrapped = keks.wrap(new byte[32], "row-a".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> keks.unwrap(wrapped, "row-b".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("failed authentication");
    }

    @Test
    void wrapsUnderTheCurrentKekAndUnwrapsUnderOlderOnes_whenSeveralAreConfigured() throws Exception {
        Path file = temp.resolve("k1.b64");
        Files.writeString(file, randomKek() + "\n");
        var k1 = new KekProperties.KekSource(null, file);
        var k2 = new KekProperties.KekSource(randomKek(), null);
        LocalKeyEncryptionKeys old = KeyEncryptionKeysLoader.load(new KekProperties("k1", Map.of("k1", k1), temp));
        WrappedKey underOld = old.wrap(new byte[32], new byte[0]);

        LocalKeyEncryptionKeys both = KeyEncryptionKeysLoader.load(
                new KekProperties("k2", Map.of("k1", k1, "k2", k2), temp));

        assertThat(both.wrap(new byte[32], new byte[0]).kekId()).isEqualTo("k2");
        assertThat(both.unwrap(underOld, new byte[0])).isEqualTo(new byte[32]);
    }

    @Test
    void failsNamingTheKekButNotItsValue_whenAKekHasTheWrongLength() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);

        assertThatThrownBy(() -> KeyEncryptionKeysLoader.load(new KekProperties(null,
                Map.of("k1", new KekProperties.KekSource(shortKey, null)), temp)))
                .hasMessageContaining("KEK 'k1' must be 32 bytes")
                .hasMessageNotContaining(shortKey);
    }

    @Test
    void failsAskingForTheCurrentId_whenSeveralKeksAreConfiguredWithoutOne() {
        assertThatThrownBy(() -> KeyEncryptionKeysLoader.load(new KekProperties(null, Map.of(
                "k1", new KekProperties.KekSource(randomKek(), null),
                "k2", new KekProperties.KekSource(randomKek(), null)), temp)))
                .hasMessageContaining("mincard.vault.kek.current-id");
    }

    private static String randomKek() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
