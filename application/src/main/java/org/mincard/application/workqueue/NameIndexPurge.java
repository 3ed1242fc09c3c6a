package org.mincard.application.workqueue;

import org.mincard.application.retention.PurgeListener;
import org.mincard.application.retention.PurgedItem;
import org.mincard.domain.personaldata.DataClass;
import org.springframework.stereotype.Component;

import java.util.List;

/** Erases a cardholder's name-search entries ({@code lookup.name_token}) when their card record is purged. */
@Component
class NameIndexPurge implements PurgeListener {

    private final NameIndex names;

    NameIndexPurge(NameIndex names) {
        this.names = names;
    }

    @Override
    public void forget(List<PurgedItem> items) {
        names.forget(items.stream().filter(item -> item.dataClass() == DataClass.CARD_RECORD)
                .map(PurgedItem::cardholderId).distinct().toList());
    }
}
