package org.mincard.application.vault;

import org.junit.jupiter.api.Test;
import org.mincard.domain.personaldata.CardRecord;
import org.mincard.domain.personaldata.DataClass;
import org.mincard.domain.personaldata.KeyReference;
import org.mincard.domain.personaldata.PersonalData;
import org.mincard.domain.personaldata.Review;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SealCipherTest {

    private final SecretKey key = randomKey();
    private final KeyReference reference = new KeyReference(UUID.randomUUID(), DataClass.CARD_RECORD, 1);

    @Test
    void opensWhatItSealed_whenKeyAndReferenceMatch() {
        CardRecord card = new CardRecord("Ana María Pérez", LocalDate.of(1990, 2, 3), "X");

        byte[] sealed = SealCipher.seal(reference, key, PersonalDataCodec.encode(card));
        PersonalData opened = PersonalDataCodec.decode(DataClass.CARD_RECORD, SealCipher.open(reference, key, sealed));

        assertThat(opened).isEqualTo(card);
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("Ana", "1990");
    }

    @Test
    void usesAFreshNonce_whenTheSameValueIsSealedTwice() {
        byte[] plaintext = "same".getBytes(StandardCharsets.UTF_8);

        byte[] first = SealCipher.seal(reference, key, plaintext);
        byte[] second = SealCipher.seal(reference, key, plaintext);

        assertThat(first).hasSize(SealCipher.NONCE_BYTES + plaintext.length + 16).isNotEqualTo(second);
    }

    @Test
    void refusesToOpen_whenTheValueIsRelabelledForAnotherSubjectClassOrVersion() {
        byte[] sealed = SealCipher.seal(reference, key, "secret".getBytes(StandardCharsets.UTF_8));

        for (KeyReference other : List.of(
                new KeyReference(UUID.randomUUID(), reference.dataClass(), 1),
                new KeyReference(reference.subjectId(), DataClass.CONTACT, 1),
                new KeyReference(reference.subjectId(), reference.dataClass(), 2))) {
            assertThatThrownBy(() -> SealCipher.open(other, key, sealed))
                    .isInstanceOf(SealCipher.TamperedValue.class)
                    .hasMessageNotContaining("secret");
        }
    }

    @Test
    void refusesToOpen_whenOneCiphertextBitFlipped() {
        byte[] sealed = SealCipher.seal(reference, key, "secret".getBytes(StandardCharsets.UTF_8));
        sealed[SealCipher.NONCE_BYTES] ^= 1;

        assertThatThrownBy(() -> SealCipher.open(reference, key, sealed)).isInstanceOf(SealCipher.TamperedValue.class);
    }

    @Test
    void encodesCanonicalTypeTaggedJson_whenOptionalFieldsAreAbsent() {
        Review review = new Review(List.of(new Review.DocumentPresented("US_PASSPORT")), null, "seen");

        String json = new String(PersonalDataCodec.encode(review), StandardCharsets.UTF_8);

        assertThat(json).isEqualTo(
                "{\"@type\":\"Review\",\"clerkNotes\":\"seen\",\"documents\":[{\"documentType\":\"US_PASSPORT\"}]}");
    }

    private static SecretKey randomKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return new SecretKeySpec(bytes, "AES");
    }
}
