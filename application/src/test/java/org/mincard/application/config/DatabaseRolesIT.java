package org.mincard.application.config;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The service refuses to run as a database role that could change the append-only audit tables (ADR 0024). A
 * PostgreSQL of its own stands in for a city's server, with the roles the shipped deployments create: the schema
 * owner (CloudNativePG's managed role {@code mincard_owner} in deploy/k8s, the image's superuser in compose) and the
 * application role, created by the very statement of deploy/postgres-init/10-app-role.sh.
 */
@ExtendWith(OutputCaptureExtension.class)
class DatabaseRolesIT {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;
    private static JdbcTemplate superuser;

    @BeforeAll
    static void startServerWithTheShippedRoles() throws Exception {
        Path dataDirectory = Path.of("target", "database-roles-it", UUID.randomUUID().toString()).toAbsolutePath();
        server = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory.resolve("pg"))
                .setOverrideWorkingDirectory(dataDirectory.resolve("runtime").toFile())
                .setCleanDataDirectory(true)
                .start();
        superuser = new JdbcTemplate(server.getPostgresDatabase());
        superuser.execute("CREATE ROLE mincard_owner LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE");
        superuser.execute(shippedAppRoleStatement().replace(":'app_password'", "'app-password'"));
        superuser.execute("CREATE ROLE mincard_owner_member LOGIN NOSUPERUSER IN ROLE mincard_owner");
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @Test
    void starts_whenServiceRunsAsTheAppRoleAndMigrationsAsTheOwner(CapturedOutput output) throws Exception {
        String database = newDatabase();

        try (RunningService service = RunningService.start(settings(database, "mincard_app", "mincard_owner"))) {
            service.submitCase();

            JdbcTemplate jdbc = new JdbcTemplate(service.context().getBean(HikariDataSource.class));
            assertThat(jdbc.queryForObject("SELECT current_user", String.class)).isEqualTo("mincard_app");
            assertThat(jdbc.queryForObject("SELECT pg_get_userbyid(relowner) FROM pg_class"
                    + " WHERE oid = 'audit.chain_link'::regclass", String.class)).isEqualTo("mincard_owner");
        }
        assertThat(output).contains("Database role 'mincard_app' cannot change the append-only audit tables");
    }

    @Test
    void refusesToStart_whenServiceRunsAsTheSchemaOwner(CapturedOutput output) {
        String database = newDatabase();

        FailureAnalysis analysis = refusal(settings(database, "mincard_owner", null));

        assertThat(analysis.getDescription()).contains("'mincard_owner', which owns audit.access_record")
                .contains("append-only protection means nothing");
        assertThat(analysis.getAction()).contains("spring.datasource.username", "spring.flyway.user",
                "mincard.database.allow-privileged-role=true");
        assertThat(output).contains("APPLICATION FAILED TO START", "which owns audit.", "SPRING_FLYWAY_USER");
    }

    @Test
    void refusesToStart_whenServiceRunsAsASuperuser() {
        String database = newDatabase();

        FailureAnalysis analysis = refusal(settings(database, "postgres", null));

        assertThat(analysis.getDescription()).contains("'postgres', which is a superuser");
    }

    @Test
    void refusesToStart_whenAppRoleIsAMemberOfTheOwnersRole() {
        String database = newDatabase();

        FailureAnalysis analysis = refusal(settings(database, "mincard_owner_member", "mincard_owner"));

        assertThat(analysis.getDescription()).contains("is a member of 'mincard_owner', which owns audit.");
    }

    @Test
    void startsWithAWarning_whenAPrivilegedRoleIsExplicitlyAllowed(CapturedOutput output) throws Exception {
        String database = newDatabase();
        List<String> settings = new ArrayList<>(List.of(settings(database, "mincard_owner", null)));
        settings.add("mincard.database.allow-privileged-role=true");

        try (RunningService service = RunningService.start(settings.toArray(String[]::new))) {
            service.submitCase();
        }

        assertThat(output).contains("WARN").contains("Starting anyway because mincard.database.allow-privileged-role"
                + "=true");
    }

    @Test
    void serviceStartsWithTheAppRoleAlone_whenTheMigrationEntryPointMigratedAsTheOwner() throws Exception {
        String database = newDatabase();
        String url = "jdbc:postgresql://localhost:" + server.getPort() + "/" + database;

        DatabaseMigration.run("--spring.datasource.url=" + url, "--spring.datasource.username=mincard_owner",
                "--spring.datasource.password=unused", "--mincard.security.mode=jwt").close();
        try (RunningService service = RunningService.start(settings(database, "mincard_app", null))) {
            service.submitCase();
        }

        JdbcTemplate jdbc = new JdbcTemplate(server.getDatabase("postgres", database));
        assertThat(jdbc.queryForList("SELECT DISTINCT installed_by FROM flyway_schema_history WHERE success",
                String.class)).containsExactly("mincard_owner");
    }

    @Test
    void migrationEntryPointRefuses_whenTheAppRoleDoesNotExistYet() {
        String database = newDatabase();
        String url = "jdbc:postgresql://localhost:" + server.getPort() + "/" + database;

        assertThatThrownBy(() -> DatabaseMigration.run("--spring.datasource.url=" + url,
                "--spring.datasource.username=mincard_owner", "--spring.datasource.password=unused",
                "--mincard.security.mode=jwt", "--mincard.database.app-role=mincard_not_yet").close())
                .hasStackTraceContaining("The application role 'mincard_not_yet' (mincard.database.app-role) does"
                        + " not exist yet");

        JdbcTemplate jdbc = new JdbcTemplate(server.getDatabase("postgres", database));
        assertThat(jdbc.queryForObject("SELECT to_regclass('public.flyway_schema_history') IS NULL", Boolean.class))
                .as("nothing migrated").isTrue();
    }

    private static FailureAnalysis refusal(String[] settings) {
        Throwable[] failure = new Throwable[1];
        assertThatThrownBy(() -> RunningService.start(settings).close())
                .satisfies(thrown -> failure[0] = thrown);
        FailureAnalysis analysis = new DatabaseRoleRefusedFailureAnalyzer().analyze(failure[0]);
        assertThat(analysis).as("refused by the database-role guard, not by anything else").isNotNull();
        return analysis;
    }

    private static String newDatabase() {
        String database = "city_" + DATABASES.incrementAndGet();
        superuser.execute("CREATE DATABASE " + database + " OWNER mincard_owner");
        return database;
    }

    private static String[] settings(String database, String serviceRole, String migrationRole) {
        List<String> settings = new ArrayList<>(List.of(
                "spring.datasource.url=jdbc:postgresql://localhost:" + server.getPort() + "/" + database,
                "spring.datasource.username=" + serviceRole,
                "spring.datasource.password=unused",
                "mincard.security.demo.allow-with-external-database=true"));
        if (migrationRole != null) {
            settings.add("spring.flyway.user=" + migrationRole);
            settings.add("spring.flyway.password=unused");
        }
        settings.addAll(TestKeys.settings());
        return settings.toArray(String[]::new);
    }

    /** The CREATE ROLE statement of the compose deployment's init script, as shipped. */
    private static String shippedAppRoleStatement() throws Exception {
        String script = Files.readString(Path.of("..", "deploy", "postgres-init", "10-app-role.sh"));
        int start = script.indexOf("CREATE ROLE");
        return script.substring(start, script.indexOf(';', start));
    }
}
