package org.mincard.domain.retention;

import org.mincard.domain.personaldata.DataClass;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;

/** A validated rule: data of this class may be disposed of this long after the trigger, under this authority. */
public record RetentionRule(String id, DataClass dataClass, RetentionTrigger trigger, Period delay,
                            String authority) {

    /** When data kept for this reason becomes due, given when the trigger happened. */
    public Instant dueAfter(Instant triggeredAt) {
        return triggeredAt.atOffset(ZoneOffset.UTC).plus(delay).toInstant();
    }
}
