package org.mincard.application.vault;

import org.mincard.application.vault.keys.DataKeys;
import org.mincard.application.vault.keys.SealingKey;
import org.mincard.domain.personaldata.PersonalData;
import org.mincard.domain.personaldata.PersonalDataSealer;
import org.mincard.domain.personaldata.SealedValue;
import org.springframework.stereotype.Component;

import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;

/** Seals personal data at the API edge, before any command is sent, under the subject's current key for its class. */
@Component
class VaultSealer implements PersonalDataSealer {

    private final DataKeys dataKeys;

    VaultSealer(DataKeys dataKeys) {
        this.dataKeys = dataKeys;
    }

    @Override
    public SealedValue seal(UUID subjectId, PersonalData data) {
        Objects.requireNonNull(subjectId, "subjectId");
        Objects.requireNonNull(data, "data");
        SealingKey key = dataKeys.keyForSealing(subjectId, data.dataClass());
        byte[] plaintext = PersonalDataCodec.encode(data);
        try {
            return new SealedValue(key.reference(), SealCipher.seal(key.reference(), key.key(), plaintext));
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }
}
