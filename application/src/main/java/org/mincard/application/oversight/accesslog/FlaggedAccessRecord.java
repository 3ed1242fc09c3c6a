package org.mincard.application.oversight.accesslog;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One access record as an auditor sees it: ids and codes only, with what makes it stand out. */
public record FlaggedAccessRecord(long accessId, Instant occurredAt, String actorId, String actorRole, UUID siteId,
                           UUID caseId, UUID subjectId, String dataClass, String purpose, String outcome,
                           String refusalReason, String requestReference, List<Flag> flags) {

    public enum Flag {
        /** A read of a value whose key a purge destroyed. */
        PURGED_READ,
        /** A read of a case or subject under a legal hold at the time. */
        HELD_READ,
        /** Outside the configured office hours (or at a weekend). */
        OFF_HOURS,
        /** The actor read more distinct subjects in the trailing window than the configured threshold. */
        BULK_READER
    }
}
