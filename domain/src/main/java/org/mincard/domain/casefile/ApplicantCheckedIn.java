package org.mincard.domain.casefile;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** The applicant arrived and was checked in. */
@Revision("1")
public record ApplicantCheckedIn(
        UUID caseId,
        Instant checkedInAt) implements CaseFileEvent {

    public ApplicantCheckedIn {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(checkedInAt, "checkedInAt");
    }

    @Override
    public Instant occurredAt() {
        return checkedInAt;
    }
}
