package org.mincard.application.oversight;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Whether cases or subjects were under a legal hold at given moments, so that the access log can flag reads of held
 * records. Retention provides it (it owns the holds). One call answers a whole page of reads.
 */
public interface LegalHolds {

    /** One read to check: its case (may be null), its subject, and when it happened. */
    record Read(UUID caseId, UUID subjectId, Instant at) {
    }

    /** The positions (0-based) in {@code reads} of the reads made while a hold covered them. */
    Set<Integer> held(List<Read> reads);
}
