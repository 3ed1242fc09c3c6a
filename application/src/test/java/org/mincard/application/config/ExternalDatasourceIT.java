package org.mincard.application.config;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Standard {@code spring.datasource.*} settings win over the embedded default. A second PostgreSQL, started here
 * and unknown to the application, stands in for a city's database server.
 */
class ExternalDatasourceIT {

    private static EmbeddedPostgres external;
    private static JdbcTemplate externalJdbc;

    @BeforeAll
    static void startExternalServer() throws Exception {
        Path dataDirectory = Path.of("target", "external-pg-it", UUID.randomUUID().toString()).toAbsolutePath();
        external = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory.resolve("pg"))
                .setOverrideWorkingDirectory(dataDirectory.resolve("runtime").toFile())
                .setCleanDataDirectory(true)
                .start();
        externalJdbc = new JdbcTemplate(external.getPostgresDatabase());
        externalJdbc.execute("CREATE DATABASE city");
    }

    @AfterAll
    static void stopExternalServer() throws Exception {
        external.close();
    }

    @Test
    void usesTheConfiguredServer_whenDatasourceUrlIsSet() throws Exception {
        String url = external.getJdbcUrl("postgres", "city");

        List<String> settings = new ArrayList<>(List.of(
                "spring.datasource.url=" + url,
                "spring.datasource.username=postgres",
                "spring.datasource.password=",
                // One superuser for everything: the database-role guard refuses that unless told (DatabaseRolesIT).
                "mincard.database.allow-privileged-role=true",
                // The security work refuses demo users next to an external database unless explicitly allowed.
                "mincard.security.demo.allow-with-external-database=true"));
        // Outside the embedded demo every secret key comes from outside the database (KeyCustodyGuard).
        settings.addAll(TestKeys.settings());
        try (RunningService service = RunningService.start(settings.toArray(String[]::new))) {
            UUID caseId = service.submitCase();

            JdbcTemplate city = new JdbcTemplate(service.context().getBean(HikariDataSource.class));
            assertThat(service.context().getBean(HikariDataSource.class).getJdbcUrl()).isEqualTo(url);
            assertThat(service.context().getEnvironment().getPropertySources().contains("mincardEmbeddedPostgres"))
                    .as("no embedded PostgreSQL was started for this context").isFalse();
            assertThat(city.queryForObject("SELECT current_database()", String.class)).isEqualTo("city");
            assertThat(city.queryForObject("SELECT inet_server_port()", Integer.class)).isEqualTo(external.getPort());
            assertThat(city.queryForObject(
                    "SELECT count(*) FROM flyway_schema_history WHERE success", Long.class)).isPositive();
            assertThat(city.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?",
                    Long.class, caseId.toString())).isEqualTo(1L);
        }
    }
}
