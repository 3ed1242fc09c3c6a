package org.mincard.application.config;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded default's PostgreSQL: password authentication for every connection (initdb's "trust" would make any
 * local OS user its superuser), a generated password kept owner-only outside the data directory, and owner-only
 * folders (zonky makes its binary folder world-writable).
 */
class EmbeddedPostgresPasswordIT {

    private final Path base = Path.of("target", "embedded-pg-password-it", UUID.randomUUID().toString());
    private final Path dataDirectory = base.resolve("pg");
    private final Path passwordFile = base.resolve("embedded-postgres-password");

    @Test
    void refusesConnection_whenNoPasswordOrAWrongOneIsGiven() throws Exception {
        try (RunningService service = RunningService.start(settings())) {
            String url = service.context().getBean(HikariDataSource.class).getJdbcUrl();
            String password = Files.readString(passwordFile).strip();

            assertThatThrownBy(() -> connect(url, "postgres", "")).isInstanceOf(SQLException.class)
                    .hasMessageContaining("password");
            assertThatThrownBy(() -> connect(url, "postgres", "not-the-password")).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> connect(url, "mincard_app", "")).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> connect(url.replace("/mincard", "/postgres"), "postgres", ""))
                    .isInstanceOf(SQLException.class);
            try (Connection superuser = DriverManager.getConnection(url, "postgres", password)) {
                assertThat(superuser.isValid(2)).isTrue();
            }
        }
    }

    @Test
    void keepsPasswordOwnerOnlyOutsideTheDataDirectory_andReusesItOnRestart() throws Exception {
        String first;
        try (RunningService service = RunningService.start(settings())) {
            first = Files.readString(passwordFile).strip();
        }

        try (RunningService restarted = RunningService.start(settings())) {

            assertThat(Files.readString(passwordFile).strip()).isEqualTo(first);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile)))
                    .isEqualTo("rw-------");
            assertThat(passwordFile.toAbsolutePath().startsWith(dataDirectory.toAbsolutePath())).isFalse();
            assertThat(restarted.context().getEnvironment().getProperty("spring.flyway.password")).isEqualTo(first);
        }
    }

    @Test
    void makesFoldersOwnerOnly_whenServerStarts() throws Exception {
        try (RunningService service = RunningService.start(settings())) {

            Path runtime = EmbeddedPostgresEnvironment.runtimeDirectory(dataDirectory.toAbsolutePath().normalize());
            // zonky unpacks the binaries once per JVM, into the runtime folder of the first server started: find
            // the folder of the binary this server runs from.
            String postmasterPid = Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).strip();
            Path binaries = Files.readSymbolicLink(Path.of("/proc", postmasterPid, "exe")).getParent().getParent();
            List<Path> folders = new ArrayList<>(List.of(dataDirectory, runtime, binaries, binaries.getParent()));
            try (DirectoryStream<Path> inside = Files.newDirectoryStream(runtime, Files::isDirectory)) {
                inside.forEach(folders::add);
            }
            assertThat(binaries.getFileName().toString()).startsWith("PG-");
            for (Path folder : folders) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)))
                        .as(folder.toString()).isEqualTo("rwx------");
            }
            assertThat(Files.readString(dataDirectory.resolve("pg_hba.conf"))).doesNotContain("trust");
        }
    }

    @Test
    void usesThePasswordFromTheEnvironment_whenOneIsSet() throws Exception {
        String configured = "Env-" + UUID.randomUUID();
        try (RunningService service = RunningService.start(settings("mincard.embedded-postgres.password=" + configured))) {
            String url = service.context().getBean(HikariDataSource.class).getJdbcUrl();

            assertThat(passwordFile).doesNotExist();
            try (Connection superuser = DriverManager.getConnection(url, "postgres", configured)) {
                assertThat(superuser.isValid(2)).isTrue();
            }
        }
    }

    private static void connect(String url, String user, String password) throws SQLException {
        DriverManager.getConnection(url, user, password).close();
    }

    private String[] settings(String... more) {
        List<String> settings = new ArrayList<>(List.of(
                "mincard.embedded-postgres.mode=persistent",
                "mincard.embedded-postgres.data-directory=" + dataDirectory,
                "mincard.embedded-postgres.password-file=" + passwordFile));
        settings.addAll(List.of(more));
        return settings.toArray(String[]::new);
    }
}
