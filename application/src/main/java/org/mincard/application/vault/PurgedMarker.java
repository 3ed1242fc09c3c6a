package org.mincard.application.vault;

import org.mincard.domain.personaldata.DataClass;

import java.util.Objects;

/** What an API shows in place of a purged value: {@code {"purged": "CARD_RECORD"}}. */
public record PurgedMarker(DataClass purged) {

    public PurgedMarker {
        Objects.requireNonNull(purged, "purged");
    }
}
