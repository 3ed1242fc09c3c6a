package org.mincard.application.retention;

import org.junit.jupiter.api.Test;
import org.mincard.application.MincardApplication;
import org.mincard.application.vault.ErasureLedger;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Restore replay for real: a pg_dump taken before a sweep is restored after it, and a new service on the same
 * database and erasure ledger destroys the purged keys again before its web server accepts the first request.
 */
class RestoreReplayIT {

    private static final Path HOME = Path.of("target", "horizon-restore", UUID.randomUUID().toString());

    @Test
    void destroysPurgedKeysAgainBeforeServing_whenAPreSweepBackupIsRestored() throws Exception {
        String[] own = {
                "--server.port=0",
                "--mincard.vault.kek.directory=" + HOME.resolve("keys"),
                "--mincard.vault.erasure-ledger.path=" + HOME.resolve("ledger/erasure-ledger.txt"),
                "--mincard.vault.rotation.scheduled=false"};
        List<UUID> holders = new ArrayList<>();
        List<UUID> cases = new ArrayList<>();
        Map<String, String> database;
        Path dump = Files.createDirectories(HOME).resolve("before-sweep.dump");
        try (ConfigurableApplicationContext first = new SpringApplicationBuilder(MincardApplication.class).run(own)) {
            RetentionApi clerk = new RetentionApi(rest(first), "clerk-a");
            JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
            for (int i = 0; i < 2; i++) {
                UUID caseId = clerk.submit(RetentionApi.application("Restore Canary " + i));
                clerk.act(caseId, "mark-no-show");
                clerk.awaitState(caseId, "NO_SHOW");
                cases.add(caseId);
                holders.add(UUID.fromString((String) clerk.get("/api/v1/cases/" + caseId).getBody()
                        .get("cardholderId")));
            }
            await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.queryForObject("""
                    SELECT count(*) FROM retention.schedule_item WHERE cardholder_id = ANY (?::uuid[])
                      AND data_class IN ('CONTACT', 'DELIVERY') AND due_at <= now()""", Integer.class,
                    (Object) holders.stream().map(UUID::toString).toArray(String[]::new)) == 4);
            database = connection(first.getEnvironment());
            pgDump(database, dump);

            Map<String, Object> sweep = clerk.as("records-officer").sweep();

            assertThat(sweep).containsEntry("purged", 4);
            assertThat(liveKeys(jdbc, holders)).isZero();
            assertThat(first.getBean(ErasureLedger.class).head().sequence()).isEqualTo(4);
        }

        pgRestore(database, dump);
        JdbcTemplate owner = owner(database);
        assertThat(liveKeys(owner, holders)).as("the restored backup brought the purged keys back").isEqualTo(4);

        AtomicReference<Integer> liveWhenServing = new AtomicReference<>();
        List<String> args = new ArrayList<>(List.of(own));
        args.add("--spring.datasource.url=" + database.get("url"));
        args.add("--spring.datasource.username=" + database.get("username"));
        args.add("--spring.datasource.password=" + database.get("password"));
        args.add("--spring.flyway.user=" + database.get("ownerUser"));
        args.add("--spring.flyway.password=" + database.get("ownerPassword"));
        args.add("--mincard.security.demo.allow-with-external-database=true");
        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(MincardApplication.class)
                .listeners((ApplicationListener<WebServerInitializedEvent>) event ->
                        liveWhenServing.set(liveKeys(owner, holders)))
                .run(args.toArray(String[]::new))) {

            assertThat(liveWhenServing.get()).as("live purged keys when the web server started").isZero();
            assertThat(liveKeys(owner, holders)).isZero();
            assertThat(owner.queryForObject("""
                    SELECT count(*) FROM audit.erasure_replay WHERE subject_id = ANY (?::uuid[])""", Integer.class,
                    (Object) holders.stream().map(UUID::toString).toArray(String[]::new))).isEqualTo(4);
            HttpHeaders headers = new HttpHeaders();
            headers.set("X-Access-Purpose", "CASE_WORK");
            ResponseEntity<Map> personal = rest(second).withBasicAuth("clerk-a", "test-password").exchange(
                    "/api/v1/cases/" + cases.get(0) + "/personal-data", HttpMethod.GET, new HttpEntity<>(headers),
                    Map.class);
            assertThat(personal.getStatusCode().value()).isEqualTo(200);
            assertThat(personal.getBody().toString()).contains("purged=CONTACT").contains("purged=DELIVERY");
        }
    }

    /** Live keys of the holders' purged classes, contact and delivery (their card records stay live throughout). */
    private static int liveKeys(JdbcTemplate jdbc, List<UUID> holders) {
        return jdbc.queryForObject("""
                SELECT count(*) FROM vault.data_key WHERE subject_id = ANY (?::uuid[]) AND wrapped_key IS NOT NULL
                  AND data_class IN ('CONTACT', 'DELIVERY')""",
                Integer.class, (Object) holders.stream().map(UUID::toString).toArray(String[]::new));
    }

    private static TestRestTemplate rest(ConfigurableApplicationContext context) {
        return new TestRestTemplate(new RestTemplateBuilder()
                .rootUri("http://localhost:" + context.getEnvironment().getProperty("local.server.port")));
    }

    private static Map<String, String> connection(Environment environment) {
        String url = environment.getRequiredProperty("spring.datasource.url");
        return Map.of("url", url,
                "username", environment.getRequiredProperty("spring.datasource.username"),
                "password", environment.getProperty("spring.datasource.password", ""),
                "ownerUser", environment.getProperty("spring.flyway.user",
                        environment.getRequiredProperty("spring.datasource.username")),
                "ownerPassword", environment.getProperty("spring.flyway.password",
                        environment.getProperty("spring.datasource.password", "")));
    }

    private static JdbcTemplate owner(Map<String, String> database) {
        return new JdbcTemplate(new DriverManagerDataSource(database.get("url"), database.get("ownerUser"),
                database.get("ownerPassword")));
    }

    private static void pgDump(Map<String, String> database, Path dump) throws Exception {
        run(database, "pg_dump", "-Fc", "-f", dump.toString(), "--dbname", dbName(database));
    }

    /** Drops the database and restores the dump into a new one of the same name, as the owner. */
    private static void pgRestore(Map<String, String> database, Path dump) throws Exception {
        String name = dbName(database);
        JdbcTemplate server = new JdbcTemplate(new DriverManagerDataSource(
                database.get("url").replace("/" + name, "/postgres"), database.get("ownerUser"),
                database.get("ownerPassword")));
        server.execute("DROP DATABASE " + name + " WITH (FORCE)");
        server.execute("CREATE DATABASE " + name);
        run(database, "pg_restore", "--exit-on-error", "--dbname", name, dump.toString());
    }

    private static String dbName(Map<String, String> database) {
        String path = URI.create(database.get("url").substring("jdbc:".length())).getPath();
        return path.substring(1);
    }

    private static void run(Map<String, String> database, String tool, String... arguments) throws Exception {
        URI uri = URI.create(database.get("url").substring("jdbc:".length()));
        List<String> command = new ArrayList<>(List.of(tool, "--host", uri.getHost(), "--port",
                Integer.toString(uri.getPort()), "--username", database.get("ownerUser"), "--no-password"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(HOME.resolve(tool + ".log").toFile());
        builder.environment().put("PGPASSWORD", database.get("ownerPassword"));
        Process process = builder.start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("%s: %s", tool, read(HOME.resolve(tool + ".log"))).isZero();
    }

    private static String read(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return String.join("\n", lines.toList());
        } catch (IOException e) {
            return "";
        }
    }
}
