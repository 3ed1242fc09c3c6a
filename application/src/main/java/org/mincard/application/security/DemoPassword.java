package org.mincard.application.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * The demo users' password. A configured one wins; otherwise one is generated on first start and kept in a file that
 * only the service's own OS user can read, so a demo left running on a network is not open to a published password.
 */
final class DemoPassword {

    private static final Logger LOG = LoggerFactory.getLogger(DemoPassword.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private DemoPassword() {
    }

    static String resolve(String configured, Path passwordFile) {
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        if (passwordFile == null) {
            throw new IllegalStateException("Demo users need a password: set MINCARD_DEMO_PASSWORD "
                    + "(mincard.security.demo.password) or mincard.security.demo.password-file");
        }
        try {
            if (!Files.exists(passwordFile)) {
                create(passwordFile);
            }
            String stored = Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
            if (stored.isEmpty()) {
                throw new IllegalStateException("The demo password file " + passwordFile + " is empty");
            }
            LOG.warn("Demo users are enabled (clerk-a, clerk-b, supervisor, records-officer, auditor, admin); "
                    + "their password is in {}", passwordFile);
            return stored;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the demo password file " + passwordFile, e);
        }
    }

    /**
     * Refuses the start for a demo password a passer-by could guess: shorter than {@code minLength}, or fewer than
     * five distinct characters ("aaaaaaaaaaaa", "abababababab"). The message names the setting, never the value.
     */
    static void requireStrong(String password, int minLength, String setting) {
        if (password.length() < minLength || password.chars().distinct().count() < 5) {
            throw new DemoUsersRefused("The demo password in " + setting + " is too weak: it needs at least "
                    + minLength + " characters, at least five of them different.",
                    "Set a longer password (e.g. `openssl rand -base64 18`), or leave MINCARD_DEMO_PASSWORD empty "
                            + "to have one generated into the demo password file.");
        }
    }

    private static void create(Path passwordFile) throws IOException {
        Path directory = passwordFile.toAbsolutePath().getParent();
        if (directory != null) {
            Files.createDirectories(directory);
        }
        byte[] secret = new byte[18];
        new SecureRandom().nextBytes(secret);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        FileAttribute<?>[] attributes = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
        try {
            // Created with its final permissions, so the secret is never readable by others, not even briefly.
            Files.createFile(passwordFile, attributes);
        } catch (FileAlreadyExistsException raced) {
            return;
        }
        Files.writeString(passwordFile, password + System.lineSeparator(), StandardCharsets.UTF_8);
    }
}
