package org.mincard.application.vault.keys;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.StringUtils;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Loads the KEKs named by {@link KekProperties}. Failure messages name the KEK id and the rule, never key material.
 */
final class KeyEncryptionKeysLoader {

    private static final Logger LOG = LoggerFactory.getLogger(KeyEncryptionKeysLoader.class);
    static final String DEFAULT_KEK_ID = "local-1";
    private static final String SUFFIX = ".kek";
    private static final Pattern KEK_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    private KeyEncryptionKeysLoader() {
    }

    static LocalKeyEncryptionKeys load(KekProperties properties) {
        return load(properties, null);
    }

    /** Loads the KEKs; refuses any that {@code destroyed} records as destroyed. */
    static LocalKeyEncryptionKeys load(KekProperties properties, DestroyedKeks destroyed) {
        Map<String, Path> files = new HashMap<>();
        Map<String, SecretKey> keys = properties.keys().isEmpty()
                ? fromDirectory(properties.directory(), files)
                : fromConfiguration(properties.keys(), files);
        if (destroyed != null) {
            Map<String, String> gone = destroyed.read();
            for (String id : new TreeMap<>(keys).keySet()) {
                if (gone.containsKey(id)) {
                    throw new IllegalStateException("KEK '" + id + "' was destroyed at " + gone.get(id)
                            + " and must not be configured again: remove mincard.vault.kek.keys." + id
                            + " (and its secret) from this node's configuration");
                }
            }
        }
        boolean fromDirectory = properties.keys().isEmpty();
        String current = StringUtils.hasText(properties.currentId()) ? properties.currentId().trim() : null;
        if (current == null && fromDirectory) {
            // Scheduled rotations add local-2, local-3, ...: the newest version is current.
            current = keys.keySet().stream().max(KeyEncryptionKeysLoader::byVersion).orElse(null);
        }
        if (current == null) {
            if (keys.size() != 1) {
                throw new IllegalStateException(keys.size() + " KEKs are configured " + new TreeMap<>(keys).keySet()
                        + "; set mincard.vault.kek.current-id to the one that wraps new data keys");
            }
            current = keys.keySet().iterator().next();
        }
        if (!keys.containsKey(current)) {
            throw new IllegalStateException("mincard.vault.kek.current-id names KEK '" + current
                    + "', which is not configured " + new TreeMap<>(keys).keySet());
        }
        LOG.info("Vault KEKs loaded: {}; current KEK '{}'", new TreeMap<>(keys).keySet(), current);
        return new LocalKeyEncryptionKeys(keys, files, destroyed, current,
                fromDirectory ? properties.directory().toAbsolutePath().normalize() : null);
    }

    /** Orders ids by their numeric suffix ({@code local-2} before {@code local-10}), then by text. */
    static int byVersion(String a, String b) {
        int byNumber = Long.compare(version(a), version(b));
        return byNumber != 0 ? byNumber : a.compareTo(b);
    }

    private static long version(String id) {
        var matcher = Pattern.compile("(\\d{1,18})$").matcher(id);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
    }

    /** The id of the next version after the given ones: {@code local-<highest + 1>}. */
    static String nextVersionId(Set<String> ids) {
        long highest = ids.stream().mapToLong(KeyEncryptionKeysLoader::version).max().orElse(0);
        return "local-" + (Math.max(highest, 0) + 1);
    }

    /** Creates a new owner-only key file for {@code id} in the directory and returns the key. */
    static SecretKey createKekFile(Path directory, String id) {
        checkId(id);
        Path file = directory.resolve(id + SUFFIX);
        try {
            if (!writeNewKeyFile(file)) {
                throw new IllegalStateException("KEK file for '" + id + "' exists already");
            }
            LOG.info("Created KEK version '{}' in {} (embedded key folder)", id, directory);
            return decode(id, read(file, id));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the file of KEK '" + id + "'", e);
        }
    }

    /**
     * Erases a KEK file: overwrites its bytes with zeros, flushes them to the device and deletes it. (On copy-on-write
     * or journalling file systems and SSDs old blocks may survive; the city's secret store or HSM is the real home of
     * a KEK, this is the embedded default.)
     */
    static void erase(Path directory, String id) {
        checkId(id);
        Path file = directory.resolve(id + SUFFIX);
        try {
            if (!Files.exists(file)) {
                return;
            }
            long size = Files.size(file);
            try (var channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.allocate((int) Math.min(size, 4096)));
                channel.force(true);
            }
            Files.delete(file);
            try (var dir = FileChannel.open(directory, StandardOpenOption.READ)) {
                dir.force(true);
            } catch (IOException ignored) {
                // Not every platform can sync a directory; the file's bytes are already zeroed.
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot erase the file of KEK '" + id + "'", e);
        }
    }

    private static Map<String, SecretKey> fromConfiguration(Map<String, KekProperties.KekSource> sources,
                                                           Map<String, Path> files) {
        Map<String, SecretKey> keys = new HashMap<>();
        sources.forEach((id, source) -> {
            checkId(id);
            boolean hasValue = source != null && StringUtils.hasText(source.value());
            boolean hasFile = source != null && source.file() != null;
            if (hasValue == hasFile) {
                throw new IllegalStateException("KEK '" + id + "' needs exactly one of 'value' (base64) or 'file'");
            }
            String encoded = hasValue ? source.value() : read(source.file(), id);
            keys.put(id, decode(id, encoded));
            if (hasFile) {
                files.put(id, source.file());
            }
        });
        return keys;
    }

    private static Map<String, SecretKey> fromDirectory(Path directory, Map<String, Path> files) {
        Path absolute = directory.toAbsolutePath().normalize();
        try {
            createOwnerOnlyDirectory(absolute);
            if (!hasKekFile(absolute)) {
                createDefaultKek(absolute.resolve(DEFAULT_KEK_ID + SUFFIX));
            }
            Map<String, SecretKey> keys = new HashMap<>();
            try (Stream<Path> listing = Files.list(absolute)) {
                for (Path file : listing.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).toList()) {
                    String name = file.getFileName().toString();
                    String id = name.substring(0, name.length() - SUFFIX.length());
                    checkId(id);
                    warnIfReadableByOthers(file);
                    keys.put(id, decode(id, read(file, id)));
                    files.put(id, file);
                }
            }
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the KEK directory " + absolute, e);
        }
    }

    private static boolean hasKekFile(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(SUFFIX));
        }
    }

    private static void createOwnerOnlyDirectory(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        if (supportsPosix(directory.getParent() == null ? directory : existingAncestor(directory))) {
            Files.createDirectories(directory,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(directory);
        }
    }

    private static void createDefaultKek(Path file) throws IOException {
        if (!writeNewKeyFile(file)) {
            return;
        }
        LOG.debug("Created the demo KEK {}", file);
    }

    /** Writes 32 random bytes, base64, to a new owner-only file; false if the file exists already. */
    private static boolean writeNewKeyFile(Path file) throws IOException {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        byte[] encoded = Base64.getEncoder().encode(key);
        try {
            if (supportsPosix(file.getParent())) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
            Files.write(file, encoded);
        } catch (FileAlreadyExistsException raced) {
            return false;
        } finally {
            Arrays.fill(key, (byte) 0);
        }
        return true;
    }

    private static void warnIfReadableByOthers(Path file) throws IOException {
        if (!supportsPosix(file)) {
            return;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        if (permissions.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
            LOG.warn("KEK file {} is accessible to other users ({}); restrict it to its owner (chmod 600)",
                    file, PosixFilePermissions.toString(permissions));
        }
    }

    private static Path existingAncestor(Path path) {
        Path candidate = path;
        while (candidate != null && !Files.exists(candidate)) {
            candidate = candidate.getParent();
        }
        return candidate == null ? path.getRoot() : candidate;
    }

    private static boolean supportsPosix(Path path) {
        Path existing = existingAncestor(path);
        return existing != null && Files.getFileAttributeView(existing, PosixFileAttributeView.class) != null;
    }

    private static String read(Path file, String id) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the file of KEK '" + id + "': " + file, e);
        }
    }

    private static SecretKey decode(String id, String encoded) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(encoded.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("KEK '" + id + "' is not valid base64");
        }
        if (key.length != 32) {
            throw new IllegalStateException("KEK '" + id + "' must be 32 bytes (AES-256), base64-encoded; it has "
                    + key.length);
        }
        SecretKey secret = new SecretKeySpec(key, "AES");
        Arrays.fill(key, (byte) 0);
        return secret;
    }

    private static void checkId(String id) {
        if (id == null || !KEK_ID.matcher(id).matches()) {
            throw new IllegalStateException("a KEK id must be 1-64 letters, digits, '_' or '-'");
        }
    }
}
