package org.mincard.application.retries;

import org.mincard.application.retention.PurgeListener;
import org.mincard.application.retention.PurgedItem;
import org.springframework.stereotype.Component;

import java.util.List;

/** Removes the idempotency records (keyed fingerprints of what was sent) of cardholders whose data is purged. */
@Component
class IdempotencyRecordPurge implements PurgeListener {

    private final IdempotencyRecords records;

    IdempotencyRecordPurge(IdempotencyRecords records) {
        this.records = records;
    }

    @Override
    public void forget(List<PurgedItem> items) {
        records.forgetCardholders(items.stream().map(PurgedItem::cardholderId).toList());
    }
}
