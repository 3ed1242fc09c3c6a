package org.mincard.domain.retention;

import java.util.UUID;

/** Facts about a legal hold. */
public sealed interface LegalHoldEvent permits LegalHoldPlaced, LegalHoldReleased {

    UUID holdId();
}
