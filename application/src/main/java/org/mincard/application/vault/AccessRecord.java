package org.mincard.application.vault;

import org.mincard.domain.personaldata.DataClass;
import org.mincard.domain.shared.Role;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One entry of the access log: who read (or tried to read) which class of whose data, why, and what happened.
 * Ids and codes only, never personal data.
 */
public record AccessRecord(Instant occurredAt, String actorId, Role actorRole, UUID siteId, UUID caseId,
                           UUID subjectId, DataClass dataClass, AccessPurpose purpose, AccessOutcome outcome,
                           RefusalReason refusalReason, String requestReference) {

    public AccessRecord {
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(actorId, "actorId");
        Objects.requireNonNull(actorRole, "actorRole");
        Objects.requireNonNull(subjectId, "subjectId");
        Objects.requireNonNull(dataClass, "dataClass");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(outcome, "outcome");
        if ((outcome == AccessOutcome.REFUSED) != (refusalReason != null)) {
            throw new IllegalArgumentException("a refusal reason goes with a REFUSED outcome and only with it");
        }
    }
}
