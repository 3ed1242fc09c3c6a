package org.mincard.application.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mincard.application.MincardApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Start-up refusal: outside the embedded demo every secret key must be supplied from outside the database's data
 * folder, and no key file may lie inside the PostgreSQL data directory. The SpringApplication runs stop while the
 * environment is prepared, before any database is started or connected.
 */
class KeyCustodyGuardTest {

    private static final String EXTERNAL_URL = "jdbc:postgresql://db.city.invalid:5432/mincard";
    private static final List<String> SECRETS = List.of("mincard.vault.kek.keys.test-1",
            "mincard.blind-index.key", "mincard.retention.signing.key", "mincard.oversight.checkpoints.signing-key");

    @Test
    void refusesToStartOutsideTheDemo_whenAnyOneSecretKeyIsMissing() {
        for (String missing : SECRETS) {
            for (String notDemo : List.of("--spring.datasource.url=" + EXTERNAL_URL, "--mincard.security.mode=jwt",
                    "--spring.profiles.active=city")) {
                List<String> arguments = new ArrayList<>(TestKeys.settings().stream()
                        .filter(setting -> !setting.startsWith(missing + "."))
                        .map(setting -> "--" + setting).toList());
                arguments.add(notDemo);

                assertThatThrownBy(() -> application().run(arguments.toArray(String[]::new)))
                        .as("%s missing with %s", missing, notDemo)
                        .isInstanceOfSatisfying(KeyCustodyRefused.class, refused -> {
                            assertThat(refused.setting()).startsWith(missing.startsWith("mincard.vault.kek")
                                    ? "mincard.vault.kek.keys" : missing);
                            assertThat(refused.getMessage()).contains("not the embedded demo");
                            assertThat(refused.action()).contains(".value").contains(".file");
                        });
            }
        }
    }

    @Test
    void refusesToStartOutsideTheDemo_whenNoKeyAtAllIsConfigured() {
        assertThatThrownBy(() -> application().run("--spring.datasource.url=" + EXTERNAL_URL))
                .isInstanceOfSatisfying(KeyCustodyRefused.class, refused -> {
                    assertThat(refused.setting()).isEqualTo("mincard.vault.kek.keys.<id>");
                    assertThat(refused.getMessage()).contains("spring.datasource.url is set")
                            .doesNotContain(EXTERNAL_URL);
                    assertThat(refused.action()).contains("mincard.vault.kek.pkcs11.library");
                });
    }

    @Test
    void leavesAnotherSpringApplicationOfTheJvmAlone_whereMincardsWouldBeRefused() {
        try (var other = new SpringApplicationBuilder(OtherApplication.class).web(WebApplicationType.NONE).run(
                "--spring.config.name=not-mincard", "--spring.datasource.url=" + EXTERNAL_URL,
                "--mincard.embedded-postgres.enabled=false", "--mincard.security.mode=jwt")) {

            assertThat(other.getEnvironment().getProperty(KeyCustodyGuard.GENERATE)).isNull();
        }
        assertThatThrownBy(() -> application().run("--spring.datasource.url=" + EXTERNAL_URL))
                .isInstanceOf(KeyCustodyRefused.class);
    }

    /** Not mincard: a bare Spring application, like a test's stand-in identity provider. */
    @Configuration(proxyBeanMethods = false)
    static class OtherApplication {
    }

    @Test
    void refusesAKeyFileInsideThePostgresDataDirectory_evenInTheDemo(@TempDir Path temp) throws Exception {
        Path pg = temp.resolve("pg");
        Files.createDirectories(pg);
        Path inside = Files.writeString(pg.resolve("blind-index.key"), "x");

        assertThatThrownBy(() -> application().run("--mincard.embedded-postgres.data-directory=" + pg,
                "--mincard.blind-index.key.file=" + inside))
                .isInstanceOfSatisfying(KeyCustodyRefused.class, refused -> {
                    assertThat(refused.setting()).isEqualTo("mincard.blind-index.key.file");
                    assertThat(refused.getMessage()).contains("inside the PostgreSQL data directory");
                });
        for (String secret : SECRETS) {
            StandardEnvironment environment = environment(Map.of(
                    "mincard.embedded-postgres.data-directory", pg.toString(),
                    secret + ".file", pg.resolve("sub/../key").toString()));
            assertThatThrownBy(() -> KeyCustodyGuard.check(environment)).as(secret)
                    .isInstanceOfSatisfying(KeyCustodyRefused.class,
                            refused -> assertThat(refused.setting()).isEqualTo(secret + ".file"));
        }
    }

    @Test
    void refusesTheDemoKeyFolderInsideThePostgresDataDirectory(@TempDir Path temp) {
        StandardEnvironment environment = environment(Map.of(
                "mincard.embedded-postgres.data-directory", temp.resolve("pg").toString(),
                "mincard.keys.demo-directory", temp.resolve("pg/keys").toString(),
                "mincard.vault.kek.directory", temp.resolve("pg/keys").toString()));

        assertThatThrownBy(() -> KeyCustodyGuard.check(environment))
                .isInstanceOfSatisfying(KeyCustodyRefused.class,
                        refused -> assertThat(refused.setting()).isEqualTo("mincard.keys.demo-directory"));
    }

    @Test
    void generatesOnlyInTheDemo_inAFolderApartFromTheDatabase(@TempDir Path temp) {
        StandardEnvironment demo = environment(Map.of("mincard.data-directory", temp.toString()));

        KeyCustodyGuard.Decision decision = KeyCustodyGuard.check(demo);

        assertThat(decision.demo()).isTrue();
        assertThat(decision.generated()).hasSize(4);
        assertThat(decision.demoDirectories()).containsExactly(temp.resolve("demo-keys").toAbsolutePath());
        assertThat(decision.databaseDirectory()).isEqualTo(temp.resolve("pg").toAbsolutePath());
    }

    @Test
    void movesAnOldDemoKeyFolderToDemoKeys(@TempDir Path temp) throws Exception {
        Files.createDirectories(temp.resolve("keys"));
        Files.writeString(temp.resolve("keys/local-1.kek"), "old");

        KeyCustodyGuard.check(environment(Map.of("mincard.data-directory", temp.toString())));

        assertThat(temp.resolve("demo-keys/local-1.kek")).hasContent("old");
        assertThat(temp.resolve("keys")).doesNotExist();
    }

    @Test
    void acceptsEveryKeyFromOutside_andGeneratesNothing() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("spring.datasource.url", EXTERNAL_URL);
        TestKeys.settings().forEach(setting -> properties.put(setting.substring(0, setting.indexOf('=')),
                setting.substring(setting.indexOf('=') + 1)));
        properties.put("mincard.blind-index.key.file", null);
        properties.put("mincard.blind-index.key.value", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
        StandardEnvironment environment = environment(properties);

        KeyCustodyGuard.Decision decision = KeyCustodyGuard.check(environment);

        assertThat(decision.demo()).isFalse();
        assertThat(decision.generated()).isEmpty();
    }

    @Test
    void acceptsAnHsmInsteadOfAConfiguredKek_butNotWithoutItsPin() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("mincard.security.mode", "jwt");
        TestKeys.settings().stream().filter(setting -> !setting.startsWith("mincard.vault.kek"))
                .forEach(setting -> properties.put(setting.substring(0, setting.indexOf('=')),
                        setting.substring(setting.indexOf('=') + 1)));
        properties.put("mincard.vault.kek.pkcs11.library", "/usr/lib/softhsm/libsofthsm2.so");

        assertThatThrownBy(() -> KeyCustodyGuard.check(environment(properties)))
                .isInstanceOfSatisfying(KeyCustodyRefused.class,
                        refused -> assertThat(refused.setting()).isEqualTo("mincard.vault.kek.pkcs11.pin"));
        properties.put("mincard.vault.kek.pkcs11.pin.value", "1234");
        assertThatCode(() -> KeyCustodyGuard.check(environment(properties))).doesNotThrowAnyException();
    }

    @Test
    void failureAnalysisNamesTheSettingAndTheAction() {
        KeyCustodyRefused refused = new KeyCustodyRefused("mincard.blind-index.key", "reason", "set it");

        FailureAnalysis analysis = new KeyCustodyRefusedFailureAnalyzer().analyze(refused);

        assertThat(analysis.getDescription()).isEqualTo("reason");
        assertThat(analysis.getAction()).isEqualTo("set it");
    }

    private static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(MincardApplication.class).web(WebApplicationType.NONE);
    }

    private static StandardEnvironment environment(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        Map<String, Object> values = new HashMap<>();
        properties.forEach((key, value) -> {
            if (value != null) {
                values.put(key, value);
            }
        });
        environment.getPropertySources().addFirst(new MapPropertySource("test", values));
        return environment;
    }
}
