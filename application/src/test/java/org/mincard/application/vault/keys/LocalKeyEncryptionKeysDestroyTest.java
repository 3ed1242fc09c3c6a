package org.mincard.application.vault.keys;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalKeyEncryptionKeysDestroyTest {

    private static final byte[] AD = "subject/CONTACT/1".getBytes(StandardCharsets.UTF_8);

    @Test
    void forgetsTheKekDeletesItsFileAndRefusesItAtTheNextStart(@TempDir Path temp) throws Exception {
        Path oldFile = Files.writeString(temp.resolve("old.kek"), randomKek());
        KekProperties properties = new KekProperties("new", Map.of(
                "old", new KekProperties.KekSource(null, oldFile),
                "new", new KekProperties.KekSource(randomKek(), null)), temp, null, null);
        DestroyedKeks register = new DestroyedKeks(temp.resolve("destroyed-keks"), Clock.systemUTC());
        LocalKeyEncryptionKeys keks = KeyEncryptionKeysLoader.load(properties, register);
        LocalKeyEncryptionKeys oldOnly = new LocalKeyEncryptionKeys(Map.of("old", keks.keyFor("old")), "old");
        WrappedKey underOld = oldOnly.wrap(new byte[32], AD);
        assertThat(keks.heldKekIds()).containsExactly("new", "old");

        keks.destroy("old");

        assertThat(keks.heldKekIds()).containsExactly("new");
        assertThat(keks.knows("old")).isFalse();
        assertThatThrownBy(() -> keks.unwrap(underOld, AD)).isInstanceOf(IllegalStateException.class);
        assertThat(oldFile).doesNotExist();
        KekProperties stillNamingIt = new KekProperties("new", Map.of(
                "old", new KekProperties.KekSource(randomKek(), null),
                "new", new KekProperties.KekSource(randomKek(), null)), temp, null, null);
        assertThatThrownBy(() -> KeyEncryptionKeysLoader.load(stillNamingIt, register))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("KEK 'old' was destroyed")
                .hasMessageContaining("mincard.vault.kek.keys.old");
    }

    @Test
    void refusesToDestroyTheCurrentKek() {
        LocalKeyEncryptionKeys keks = KeyEncryptionKeysLoader.load(new KekProperties("k1", Map.of(
                "k1", new KekProperties.KekSource(randomKek(), null)), Path.of("unused")));

        assertThatThrownBy(() -> keks.destroy("k1")).hasMessageContaining("current KEK");
        assertThat(keks.heldKekIds()).containsExactly("k1");
    }

    private static String randomKek() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
