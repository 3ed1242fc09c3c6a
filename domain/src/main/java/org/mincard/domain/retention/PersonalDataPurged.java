package org.mincard.domain.retention;

import org.axonframework.serialization.Revision;
import org.mincard.domain.personaldata.DataClass;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A cardholder's personal data of one class was purged: every key of (cardholder, class) was destroyed under the
 * named retention rule of the named policy version, by the named sweep.
 */
@Revision("1")
public record PersonalDataPurged(
        UUID sweepId,
        UUID cardholderId,
        DataClass dataClass,
        String ruleId,
        String profile,
        String policyVersion,
        Instant dueAt,
        Instant purgedAt) implements SweepEvent {

    public PersonalDataPurged {
        Objects.requireNonNull(sweepId, "sweepId");
        Objects.requireNonNull(cardholderId, "cardholderId");
        Objects.requireNonNull(dataClass, "dataClass");
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(policyVersion, "policyVersion");
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(purgedAt, "purgedAt");
    }

    @Override
    public Instant occurredAt() {
        return purgedAt;
    }
}
