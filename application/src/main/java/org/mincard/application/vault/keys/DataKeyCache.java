package org.mincard.application.vault.keys;

import org.mincard.domain.personaldata.KeyReference;

import javax.crypto.SecretKey;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Unwrapped data keys, least recently used first out. The cache saves the unwrap (a KMS round trip with a remote
 * KEK), never the database read: a key is taken from here only after its row was read and found live, so a key
 * destroyed by any node is refused on every node, whatever this cache still holds.
 */
final class DataKeyCache {

    record Entry(KeyReference reference, String kekId) {
    }

    private final int maxEntries;
    private final LinkedHashMap<Entry, SecretKey> keys;

    DataKeyCache(int maxEntries) {
        this.maxEntries = maxEntries;
        this.keys = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Entry, SecretKey> eldest) {
                return size() > DataKeyCache.this.maxEntries;
            }
        };
    }

    synchronized SecretKey get(KeyReference reference, String kekId) {
        return maxEntries == 0 ? null : keys.get(new Entry(reference, kekId));
    }

    synchronized void put(KeyReference reference, String kekId, SecretKey key) {
        if (maxEntries > 0) {
            keys.put(new Entry(reference, kekId), key);
        }
    }

    synchronized void evict(KeyReference reference) {
        keys.keySet().removeIf(entry -> entry.reference().equals(reference));
    }

    synchronized int size() {
        return keys.size();
    }
}
