package org.mincard.application.oversight;

import java.time.Instant;
import java.util.UUID;

/**
 * Whether a case or subject was under a legal hold at a moment, so that the access log can flag reads of held
 * records. Retention provides it (it owns the holds).
 */
public interface LegalHolds {

    boolean held(UUID caseId, UUID subjectId, Instant at);
}
