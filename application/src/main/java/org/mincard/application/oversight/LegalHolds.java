package org.mincard.application.oversight;

import java.time.Instant;
import java.util.UUID;

/**
 * Whether a case or subject was under a legal hold at a moment, so that the access log can flag reads of held
 * records. Retention provides the real one; until then no read is flagged as held.
 */
public interface LegalHolds {

    boolean held(UUID caseId, UUID subjectId, Instant at);

    /** No holds known (the default until retention registers its own bean). */
    LegalHolds NONE = (caseId, subjectId, at) -> false;
}
