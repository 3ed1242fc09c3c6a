package org.mincard.application.oversight.accesslog;

import org.mincard.application.vault.AccessOutcome;
import org.mincard.application.vault.AccessPurpose;

import java.time.Instant;
import java.util.UUID;

/** Filters of an auditor's access-log search; every one optional. {@code after} is the keyset cursor (an access id). */
public record AccessRecordQuery(String actorId, UUID caseId, UUID subjectId, AccessPurpose purpose, AccessOutcome outcome,
                         Instant from, Instant to, Long after, int limit) {
}
