package org.mincard.application.retention;

import java.util.List;

/**
 * A component that keeps sealed copies or blind indexes of personal data outside the event store (read models,
 * lookup tables). A sweep calls every listener inside the transaction that destroys the items' keys, so a copy is
 * gone exactly when its key is. Implementations must be idempotent (a batch may be retried).
 */
public interface PurgeListener {

    void forget(List<PurgedItem> items);
}
