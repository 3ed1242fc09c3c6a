package org.mincard.application.vault;

import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Where a read happens, for the access record and the site check: the case being worked (if any), that case's
 * site (if known), and an optional request reference such as a third-party request's register id. The reference is
 * an identifier, never free text: it must match {@code [A-Za-z0-9][A-Za-z0-9._:-]{0,127}}.
 */
public record AccessContext(UUID caseId, UUID siteId, String requestReference) {

    private static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
    private static final AccessContext NONE = new AccessContext(null, null, null);

    public AccessContext {
        if (requestReference != null && !REFERENCE.matcher(requestReference).matches()) {
            throw new IllegalArgumentException("a request reference must be an identifier of 1-128 characters"
                    + " (letters, digits, '.', '_', ':', '-')");
        }
    }

    /** A read outside any case, e.g. a holder's request looked up by subject. */
    public static AccessContext none() {
        return NONE;
    }

    public static AccessContext ofCase(UUID caseId, UUID siteId) {
        return new AccessContext(Objects.requireNonNull(caseId, "caseId"), siteId, null);
    }

    public AccessContext withRequestReference(String reference) {
        return new AccessContext(caseId, siteId, reference);
    }
}
