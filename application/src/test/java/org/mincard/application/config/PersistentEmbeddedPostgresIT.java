package org.mincard.application.config;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The default way to run the service: an embedded PostgreSQL whose data directory survives a restart. */
class PersistentEmbeddedPostgresIT {

    private final Path dataDirectory = Path.of("target", "persistent-pg-it", UUID.randomUUID().toString(), "pg");

    @Test
    void keepsCases_whenServiceRestartsOnTheSameDataDirectory() throws Exception {
        String firstUrl;
        String superuserPassword;
        UUID caseId;
        try (RunningService service = RunningService.start(settings())) {
            caseId = service.submitCase();
            service.awaitCase(caseId);
            firstUrl = jdbcUrl(service);
            superuserPassword = service.context().getEnvironment().getProperty("spring.flyway.password");
        }

        assertThatThrownBy(() -> DriverManager.getConnection(firstUrl, "postgres", superuserPassword).close())
                .as("the embedded server stops with its application context")
                .isInstanceOf(SQLException.class);
        assertThat(dataDirectory.resolve("PG_VERSION")).exists();

        try (RunningService restarted = RunningService.start(settings())) {
            assertThat(restarted.awaitCase(caseId).path("state").asText()).isEqualTo("SUBMITTED");
            JdbcTemplate jdbc = new JdbcTemplate(restarted.context().getBean(DataSource.class));
            assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?",
                    Long.class, caseId.toString())).isEqualTo(1L);
            assertThat(jdbc.queryForObject("SHOW fsync", String.class)).isEqualTo("on");
        }
    }

    @Test
    void startsOnAnEmptyDirectory_whenDataDirectoryDoesNotExistYet() throws Exception {
        assertThat(Files.exists(dataDirectory)).isFalse();

        try (RunningService service = RunningService.start(settings())) {

            assertThat(dataDirectory.resolve("PG_VERSION")).exists();
            assertThat(jdbcUrl(service)).contains("/mincard");
        }
    }

    private String[] settings() {
        return new String[] {
                "mincard.embedded-postgres.mode=persistent",
                "mincard.embedded-postgres.data-directory=" + dataDirectory
        };
    }

    private static String jdbcUrl(RunningService service) {
        return service.context().getBean(HikariDataSource.class).getJdbcUrl();
    }
}
