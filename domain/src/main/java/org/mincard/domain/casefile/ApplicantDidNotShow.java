package org.mincard.domain.casefile;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** The applicant did not come to the appointment. */
@Revision("1")
public record ApplicantDidNotShow(
        UUID caseId,
        Instant recordedAt) implements CaseFileEvent {

    public ApplicantDidNotShow {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(recordedAt, "recordedAt");
    }

    @Override
    public Instant occurredAt() {
        return recordedAt;
    }
}
