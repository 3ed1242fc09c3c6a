package org.mincard.application.vault.keys;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The PKCS#11 KEKs against a real SoftHSM2 token through the JDK's SunPKCS11 provider. */
class Pkcs11KeyEncryptionKeysIT {

    private static final byte[] AD = "subject/CONTACT/1".getBytes(StandardCharsets.UTF_8);

    @Test
    void unwrapsWhatItWrapped_underTheCurrentTokenKey() {
        String label = SoftHsm.createKek("kek");
        Pkcs11KeyEncryptionKeys keks = Pkcs11KeyEncryptionKeys.open(SoftHsm.settings(List.of(label)), null);
        byte[] dataKey = randomKey();

        WrappedKey wrapped = keks.wrap(dataKey, AD);

        assertThat(wrapped.kekId()).isEqualTo(label);
        assertThat(wrapped.bytes()).hasSize(12 + 32 + 16);
        assertThat(keks.unwrap(wrapped, AD)).isEqualTo(dataKey);
        assertThat(keks.currentKekId()).isEqualTo(label);
        assertThat(keks.heldKekIds()).containsExactly(label);
    }

    @Test
    void refusesToUnwrap_whenTheAssociatedDataOrTheWrappedBytesDiffer() {
        String label = SoftHsm.createKek("kek");
        Pkcs11KeyEncryptionKeys keks = Pkcs11KeyEncryptionKeys.open(SoftHsm.settings(List.of(label)), label);
        WrappedKey wrapped = keks.wrap(randomKey(), AD);
        byte[] tampered = wrapped.bytes();
        tampered[20] ^= 1;

        assertThatThrownBy(() -> keks.unwrap(wrapped, "subject/CONTACT/2".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("failed authentication");
        assertThatThrownBy(() -> keks.unwrap(new WrappedKey(label, tampered), AD))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void wrapsIntoTheSameFormatAsTheLocalKeks_butNeverWithTheSameKey() {
        String one = SoftHsm.createKek("kek");
        String two = SoftHsm.createKek("kek");
        Pkcs11KeyEncryptionKeys underOne = Pkcs11KeyEncryptionKeys.open(SoftHsm.settings(List.of(one, two)), one);
        Pkcs11KeyEncryptionKeys underTwo = Pkcs11KeyEncryptionKeys.open(SoftHsm.settings(List.of(one, two)), two);
        byte[] dataKey = randomKey();
        WrappedKey wrapped = underOne.wrap(dataKey, AD);

        assertThat(underTwo.unwrap(wrapped, AD)).as("every held label unwraps").isEqualTo(dataKey);
        assertThatThrownBy(() -> underTwo.unwrap(new WrappedKey(two, wrapped.bytes()), AD))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void deletesTheKeyObjectFromTheToken_andCannotUnwrapUnderItAfterwards() {
        String old = SoftHsm.createKek("old");
        String current = SoftHsm.createKek("new");
        WrappedKey wrappedUnderOld = Pkcs11KeyEncryptionKeys.open(SoftHsm.settings(List.of(old)), old)
                .wrap(randomKey(), AD);
        Pkcs11KeyEncryptionKeys keks = Pkcs11KeyEncryptionKeys.open(SoftHsm.settings(List.of(old, current)), current);
        assertThat(keks.heldKekIds()).containsExactlyInAnyOrder(old, current);

        keks.destroy(old);

        assertThat(keks.heldKekIds()).containsExactly(current);
        assertThat(keks.knows(old)).isFalse();
        assertThatThrownBy(() -> keks.unwrap(wrappedUnderOld, AD)).isInstanceOf(IllegalStateException.class);
        assertThat(Pkcs11KeyEncryptionKeys.labelsOnToken(SoftHsm.settings(List.of())))
                .contains(current).doesNotContain(old);
        assertThatThrownBy(() -> Pkcs11KeyEncryptionKeys.open(SoftHsm.settings(List.of(old)), old))
                .as("a fresh login finds no such key either").isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(old);
    }

    @Test
    void refusesToDestroyTheCurrentKek() {
        String label = SoftHsm.createKek("kek");
        Pkcs11KeyEncryptionKeys keks = Pkcs11KeyEncryptionKeys.open(SoftHsm.settings(List.of(label)), label);

        assertThatThrownBy(() -> keks.destroy(label)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("current KEK");
        assertThat(Pkcs11KeyEncryptionKeys.labelsOnToken(SoftHsm.settings(List.of()))).contains(label);
    }

    @Test
    void refusesToStart_whenAConfiguredLabelIsNotOnTheToken() {
        assertThatThrownBy(() -> Pkcs11KeyEncryptionKeys.open(SoftHsm.settings(List.of("no-such-kek")), null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no-such-kek");
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
