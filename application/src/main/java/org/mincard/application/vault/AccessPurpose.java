package org.mincard.application.vault;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Why personal data is being read. Every read through the {@link PersonalDataGate} names one, it is recorded in the
 * access log, and the access policy decides per role and data class which purposes allow a read. REST clients send
 * it in the {@code X-Access-Purpose} header as the constant's name (e.g. {@code CASE_WORK} or {@code case-work}).
 */
public enum AccessPurpose {
    /** A clerk or supervisor works a case: intake, document review, card production, issue, pickup, a queue item. */
    CASE_WORK,
    /** A supervisor reviews a clerk's work, an escalation or an appeal. */
    SUPERVISOR_REVIEW,
    /** The card holder (the data subject) asks to see or correct their own data, in person or by a verified request. */
    HOLDER_REQUEST,
    /**
     * A records officer produces records for a registered third-party or legal request; the read must carry that
     * request's register reference, so each disclosed field is logged against it.
     */
    LEGAL_REQUEST;

    /** Reads a header value; an unknown value gives nothing (and is never echoed: it may be anything). */
    public static Optional<AccessPurpose> fromHeader(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String normalized = value.strip().replace('-', '_').toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(purpose -> purpose.name().equals(normalized)).findFirst();
    }

    static String allNames() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
