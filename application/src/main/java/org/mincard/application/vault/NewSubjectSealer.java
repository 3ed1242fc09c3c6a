package org.mincard.application.vault;

import org.mincard.application.vault.keys.DataKeys;
import org.mincard.domain.personaldata.KeyReference;
import org.mincard.domain.personaldata.PersonalData;
import org.mincard.domain.personaldata.SealedValue;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Seals the personal data of many new subjects at once, for bulk imports: each value is sealed as {@link VaultSealer}
 * seals it, under the subject's own first key for the value's class, made in memory; the caller then stores the keys
 * of the subjects it keeps, in the transaction that appends their events, so keys and events commit or roll back
 * together and a refused row leaves no key behind.
 */
@Component
public class NewSubjectSealer {

    private final DataKeys dataKeys;

    NewSubjectSealer(DataKeys dataKeys) {
        this.dataKeys = dataKeys;
    }

    /** One value to seal for a subject that has no key yet. */
    public record Item(UUID subjectId, PersonalData data) {

        public Item {
            Objects.requireNonNull(subjectId, "subjectId");
            Objects.requireNonNull(data, "data");
        }

        @Override
        public String toString() {
            return "Item[" + subjectId + ", " + data.dataClass() + "]";
        }
    }

    /** Sealed values (in the order of the items) and the keys that seal them, not stored yet. */
    public record Sealed(List<SealedValue> values, List<DataKeys.FirstKey> keys) {

        /** Stores the keys of these subjects (the rows kept); the others' keys are dropped unstored. */
        public void storeKeysOf(Collection<UUID> subjects, NewSubjectSealer sealer) {
            Set<UUID> kept = Set.copyOf(subjects);
            sealer.dataKeys.storeFirstKeys(keys.stream()
                    .filter(key -> kept.contains(key.key().reference().subjectId())).toList());
        }
    }

    /** Seals every item; at most one item per subject and class. */
    public Sealed seal(List<Item> items) {
        List<KeyReference> references = new ArrayList<>(items.size());
        for (Item item : items) {
            references.add(new KeyReference(item.subjectId(), item.data().dataClass(), 1));
        }
        List<DataKeys.FirstKey> keys = dataKeys.prepareFirstKeys(references);
        List<SealedValue> sealed = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            DataKeys.FirstKey key = keys.get(i);
            byte[] plaintext = PersonalDataCodec.encode(items.get(i).data());
            try {
                sealed.add(new SealedValue(key.key().reference(),
                        SealCipher.seal(key.key().reference(), key.key().key(), plaintext)));
            } finally {
                Arrays.fill(plaintext, (byte) 0);
            }
        }
        return new Sealed(sealed, keys);
    }
}
