package org.mincard.application.vault;

import org.mincard.application.vault.keys.DataKeys;
import org.mincard.domain.personaldata.DataClass;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Crypto-shredding for the other features: retention destroys the keys of what it purges, and a read asks which
 * classes of a cardholder were destroyed. Destroying a (subject, class) key makes every sealed copy of that data
 * unreadable wherever it was stored (events, read models, dead letters, backups).
 */
@Component
public class KeyShredder {

    private final DataKeys dataKeys;

    KeyShredder(DataKeys dataKeys) {
        this.dataKeys = dataKeys;
    }

    /** Destroys every live key of each (subject, class) in one statement; idempotent. Returns the keys destroyed. */
    public int destroyKeys(List<KeyDestruction> destructions) {
        return dataKeys.destroyKeys(destructions);
    }

    /** The data classes of which some key of this subject was destroyed (a purge left a tombstone). */
    public Set<DataClass> destroyedClasses(UUID subjectId) {
        return dataKeys.destroyedClasses(subjectId);
    }
}
