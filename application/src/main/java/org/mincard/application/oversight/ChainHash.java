package org.mincard.application.oversight;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The canonical encoding of a chained row and the link hash. Encoding (UTF-8): the stream name, a line feed, the row
 * id, a line feed, then per registered column {@code name=<length>:<text>} or {@code name=\N} for null, each followed
 * by a line feed; values are PostgreSQL's text form with TimeZone UTC. Link hash = SHA-256(previous hash || encoding);
 * the first link's previous hash is 32 zero bytes. docs/oversight.md repeats this for offline checks.
 */
final class ChainHash {

    static final byte[] GENESIS = new byte[32];

    private ChainHash() {
    }

    static byte[] encode(String stream, long id, List<String> columns, String[] values) {
        StringBuilder text = new StringBuilder(256).append(stream).append('\n').append(id).append('\n');
        for (int i = 0; i < columns.size(); i++) {
            text.append(columns.get(i)).append('=');
            String value = values[i];
            if (value == null) {
                text.append("\\N");
            } else {
                text.append(value.getBytes(StandardCharsets.UTF_8).length).append(':').append(value);
            }
            text.append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] link(MessageDigest sha256, byte[] previous, byte[] encoding) {
        sha256.reset();
        sha256.update(previous);
        return sha256.digest(encoding);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    static String hex(byte[] hash) {
        return hash == null ? null : HexFormat.of().formatHex(hash);
    }
}
