package org.mincard.domain.retention;

import java.util.regex.Pattern;

/**
 * The authority of a hold or its release, as a reference only: a docket, order, subpoena or certificate number such
 * as {@code 1:26-cv-00101}, {@code LRC-2026-014} or {@code CC/2026/7}. Letters, digits and {@code . / : # - _}, no
 * spaces, 3 to 64 characters, at least one digit: room for a number, none for a name or a sentence.
 */
public final class AuthorityReference {

    public static final Pattern PATTERN = Pattern.compile("(?=.*[0-9])[A-Za-z0-9][A-Za-z0-9./:#_-]{2,63}");

    private AuthorityReference() {
    }

    public static boolean isWellFormed(String reference) {
        return reference != null && PATTERN.matcher(reference).matches();
    }

    /** Throws naming the field (never echoing the value) unless the reference is well formed. */
    public static String require(String reference, String field) {
        if (!isWellFormed(reference)) {
            throw new IllegalArgumentException(field + ": must be a reference (docket, order or certificate number):"
                    + " 3-64 letters, digits or . / : # - _, with a digit, no spaces");
        }
        return reference;
    }
}
