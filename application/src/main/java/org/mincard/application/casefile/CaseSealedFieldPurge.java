package org.mincard.application.casefile;

import org.mincard.application.retention.PurgeListener;
import org.mincard.application.retention.PurgedItem;
import org.mincard.projections.caseview.CaseSealedCopies;
import org.springframework.stereotype.Component;

import java.util.List;

/** Removes the case view's sealed copies of purged classes; the case view owns the table and its statement. */
@Component
class CaseSealedFieldPurge implements PurgeListener {

    private final CaseSealedCopies copies;

    CaseSealedFieldPurge(CaseSealedCopies copies) {
        this.copies = copies;
    }

    @Override
    public void forget(List<PurgedItem> items) {
        copies.forget(items.stream()
                .map(item -> new CaseSealedCopies.Purged(item.cardholderId(), item.dataClass())).toList());
    }
}
