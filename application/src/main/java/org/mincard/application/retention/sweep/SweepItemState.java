package org.mincard.application.retention.sweep;

import org.mincard.application.retention.manifest.ManifestWriter.Outcome;

/** A work-list item's state ({@code retention.sweep_item.state}): pending until the batch that settles it commits. */
public enum SweepItemState {
    PENDING(null),
    /** Keys destroyed, copies removed, {@code PersonalDataPurged} appended. */
    PURGED(Outcome.PURGED),
    /** Skipped: a legal hold covers the cardholder. */
    HELD(Outcome.HELD),
    /** Its purge failed on its own (the batch was retried item by item): nothing of it was purged or recorded; the
     * next sweep plans it again. */
    FAILED(Outcome.FAILED),
    /** No longer due when its batch ran (new data sealed, or the schedule changed). */
    NO_LONGER_DUE(Outcome.NO_LONGER_DUE);

    private final Outcome outcome;

    SweepItemState(Outcome outcome) {
        this.outcome = outcome;
    }

    /** The manifest's outcome of a settled item. */
    Outcome outcome() {
        if (outcome == null) {
            throw new IllegalStateException("sweep item still " + name());
        }
        return outcome;
    }
}
