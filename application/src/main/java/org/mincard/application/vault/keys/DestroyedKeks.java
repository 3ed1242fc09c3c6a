package org.mincard.application.vault.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;

/**
 * The register of destroyed local KEK ids: one line {@code <id> <destroyed at>} each, appended and never rewritten.
 * It holds no key material. The loader refuses to start while the configuration still names a destroyed KEK, so a
 * secret left behind in an environment or a restored key file cannot quietly bring a destroyed KEK back.
 */
final class DestroyedKeks {

    private final Path file;
    private final Clock clock;

    DestroyedKeks(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    /** Destroyed KEK ids and when they were destroyed (ISO-8601). */
    Map<String, String> read() {
        Map<String, String> destroyed = new TreeMap<>();
        if (!Files.exists(file)) {
            return destroyed;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
                String[] parts = line.strip().split(" ", 2);
                if (!parts[0].isEmpty()) {
                    destroyed.put(parts[0], parts.length > 1 ? parts[1] : "");
                }
            }
            return destroyed;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the destroyed-KEK register " + file, e);
        }
    }

    synchronized void record(String kekId) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, kekId + " " + clock.instant() + "\n", StandardCharsets.US_ASCII,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.SYNC);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the destruction of KEK '" + kekId + "' in " + file, e);
        }
    }
}
