package org.mincard.application.vault;

import java.util.UUID;

/**
 * Checks the register reference that a holder's or a legal request's read carries: the gate lets such a read through
 * only when the reference names a registered request that covers the case or the data subject. The register
 * (oversight) implements it; without an implementation every such read is refused.
 */
public interface RequestReferences {

    /**
     * Whether the registered request {@code reference} allows a read for {@code purpose} of this case's or this
     * subject's data: {@code HOLDER_REQUEST} needs an open request of the data subject, {@code LEGAL_REQUEST} a
     * request decided to disclose; both must name the case or the subject in their scope.
     */
    boolean covers(String reference, AccessPurpose purpose, UUID caseId, UUID subjectId);
}
