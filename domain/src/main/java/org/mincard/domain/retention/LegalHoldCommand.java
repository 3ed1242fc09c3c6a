package org.mincard.domain.retention;

/** Commands to the {@link LegalHold} aggregate. */
public sealed interface LegalHoldCommand permits PlaceLegalHold, ReleaseLegalHold {
}
