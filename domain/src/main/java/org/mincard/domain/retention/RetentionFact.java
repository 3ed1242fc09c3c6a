package org.mincard.domain.retention;

import org.mincard.domain.personaldata.DataClass;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * What an event means for retention, independent of the active policy. The projection stores these facts in tables;
 * the compliance check folds them in memory; both compute due times with {@link ScheduleCalculator}.
 */
public sealed interface RetentionFact {

    /** A case or card of a cardholder, opened at a site on a date (what site-range legal holds match). */
    record SourceOpened(UUID sourceId, SourceKind kind, UUID cardholderId, UUID siteId, LocalDate openedOn)
            implements RetentionFact {
    }

    /** A source sealed data of a class. */
    record ClassSealed(UUID sourceId, DataClass dataClass, Instant at) implements RetentionFact {
    }

    /** A trigger (or {@link ScheduleCalculator#SUBSUMED}) happened for a source. */
    record Occurred(UUID sourceId, String fact, Instant at) implements RetentionFact {
    }

    /** A fact no longer holds (an appealed denial's window did not close). */
    record Retracted(UUID sourceId, String fact) implements RetentionFact {
    }

    /** A denied case's appeal: open until closesAt, pending (appealed, undecided), or neither. */
    record AppealState(UUID sourceId, Instant closesAt, boolean pending) implements RetentionFact {
    }

    /** Every key of (cardholder, class) was destroyed. */
    record Purged(UUID cardholderId, DataClass dataClass, Instant at, String ruleId) implements RetentionFact {
    }

    /** Whether a source is a case or a card. */
    enum SourceKind { CASE, CARD }
}
