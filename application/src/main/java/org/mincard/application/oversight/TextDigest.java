package org.mincard.application.oversight;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Free text (a request's scope, a hold's reason or authority) enters a chained row only as its SHA-256 digest, so
 * the canonical encoding an auditor re-hashes never carries the text, yet any later edit of the text is visible.
 */
public final class TextDigest {

    private TextDigest() {
    }

    /** Lower-case hex SHA-256 of the text's UTF-8 bytes (PostgreSQL: encode(sha256(convert_to(t, 'UTF8')), 'hex')). */
    public static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
