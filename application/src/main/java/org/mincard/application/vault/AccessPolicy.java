package org.mincard.application.vault;

import org.mincard.domain.personaldata.DataClass;
import org.mincard.domain.shared.Actor;
import org.mincard.domain.shared.Role;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static org.mincard.application.vault.AccessPurpose.CASE_WORK;
import static org.mincard.application.vault.AccessPurpose.HOLDER_REQUEST;
import static org.mincard.application.vault.AccessPurpose.LEGAL_REQUEST;
import static org.mincard.application.vault.AccessPurpose.SUPERVISOR_REVIEW;

/**
 * Which role may read which data class for which purpose. Auditors and administrators never read personal data:
 * oversight works on pseudonymous records, and operating the service needs none. The table is in docs/privacy.md.
 */
final class AccessPolicy {

    private static final Set<DataClass> ALL = EnumSet.allOf(DataClass.class);

    private static final Map<Role, Map<AccessPurpose, Set<DataClass>>> ALLOWED = Map.of(
            Role.CLERK, Map.of(
                    CASE_WORK, ALL,
                    HOLDER_REQUEST, ALL),
            Role.SUPERVISOR, Map.of(
                    CASE_WORK, ALL,
                    SUPERVISOR_REVIEW, ALL,
                    HOLDER_REQUEST, ALL),
            Role.RECORDS_OFFICER, Map.of(
                    HOLDER_REQUEST, ALL,
                    LEGAL_REQUEST, ALL),
            Role.AUDITOR, Map.of(),
            Role.ADMIN, Map.of());

    private AccessPolicy() {
    }

    /** Reads for a holder's or a third party's request must name the registered request they answer. */
    static boolean needsRequestReference(AccessPurpose purpose) {
        return purpose == HOLDER_REQUEST || purpose == LEGAL_REQUEST;
    }

    static boolean allows(Role role, AccessPurpose purpose, DataClass dataClass) {
        return ALLOWED.getOrDefault(role, Map.of()).getOrDefault(purpose, Set.of()).contains(dataClass);
    }

    /** Why this read is refused, or null when it is allowed. */
    static RefusalReason refusal(Actor actor, AccessPurpose purpose, AccessContext context, DataClass dataClass) {
        if (!allows(actor.role(), purpose, dataClass)) {
            return RefusalReason.ROLE_NOT_ALLOWED;
        }
        if (context.siteId() != null && !actor.worksAt(context.siteId())) {
            return RefusalReason.OTHER_SITE;
        }
        if (needsRequestReference(purpose) && context.requestReference() == null) {
            return RefusalReason.NO_REQUEST_REFERENCE;
        }
        return null;
    }
}
