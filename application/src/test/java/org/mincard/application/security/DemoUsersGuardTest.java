package org.mincard.application.security;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.mincard.application.MincardApplication;
import org.mincard.application.config.EmbeddedPostgresEnvironment;
import org.mincard.application.config.TestKeys;
import org.mincard.application.directory.DirectoryTestConfig;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.security.core.userdetails.UserDetailsService;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DemoUsersGuardTest {

    private static final String EXTERNAL_URL = "jdbc:postgresql://db.city.invalid:5432/mincard";

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(SecuritySettings.class)
    @Import(RefusalMetrics.class)
    static class Settings {

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }

    private final ApplicationContextRunner demoContext = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class))
            .withUserConfiguration(Settings.class, DirectoryTestConfig.class, DemoAuthenticationConfig.class)
            .withPropertyValues("mincard.security.demo.password=demo-secret-4711");

    @Test
    void refusesToStart_whenApplicationRunsWithAProfileAndDemoUsers() {
        SpringApplicationBuilder application = new SpringApplicationBuilder(MincardApplication.class)
                .web(WebApplicationType.NONE).profiles("prod");

        // Every key supplied from outside, so that the key custody guard lets the start reach the demo-users check.
        assertThatThrownBy(() -> application.run(TestKeys.arguments()))
                .isInstanceOf(DemoUsersRefused.class)
                .hasMessageContaining("[prod]")
                .hasMessageContaining("mincard.security.mode=demo");
    }

    @Test
    void refusesToStart_whenDefaultProfileIsGivenOnTheCommandLine() {
        SpringApplicationBuilder application = new SpringApplicationBuilder(MincardApplication.class)
                .web(WebApplicationType.NONE);

        assertThatThrownBy(() -> application.run("--spring.profiles.default=prod"))
                .isInstanceOf(DemoUsersRefused.class)
                .hasMessageContaining("[prod]");
    }

    @Test
    void refusesDemoUsers_whenEnvironmentHasADefaultProfile() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.setDefaultProfiles("prod");

        assertThatThrownBy(() -> DemoUsersGuard.check(environment)).isInstanceOf(DemoUsersRefused.class)
                .hasMessageContaining("[prod]");
    }

    @Test
    void refusesDemoUsers_whenProfilesAreNamedButNotYetApplied() {
        for (String key : new String[] {"spring.profiles.default", "spring.profiles.include", "spring.profiles.active"}) {
            StandardEnvironment environment = new StandardEnvironment();
            environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource("env",
                    Map.of(key.toUpperCase().replace('.', '_'), "production")));

            assertThatThrownBy(() -> DemoUsersGuard.check(environment)).as(key)
                    .isInstanceOf(DemoUsersRefused.class);
        }
    }

    @Test
    void allowsDemoUsers_whenOnlySpringsOwnDefaultProfileIsThere() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test",
                Map.of("spring.profiles.default", "default")));

        assertThatCode(() -> DemoUsersGuard.check(environment)).doesNotThrowAnyException();
    }

    @Test
    void refusesDemoUsers_whenDatasourceComesFromJndi() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test",
                Map.of("spring.datasource.jndi-name", "java:comp/env/jdbc/mincard")));

        assertThatThrownBy(() -> DemoUsersGuard.check(environment)).isInstanceOf(DemoUsersRefused.class);
    }

    @Test
    void refusesDemoUsers_whenConfiguredPasswordIsWeak() {
        for (String weak : new String[] {"q", "qwerty", "Qw3rty!x", "zzzzzzzzzzzzzzzz", "zxzxzxzxzxzxzxzx"}) {
            demoContext.withPropertyValues("mincard.security.demo.password=" + weak).run(context -> {

                assertThat(context).as(weak).hasFailed();
                assertThat(context.getStartupFailure()).rootCause().isInstanceOf(DemoUsersRefused.class)
                        .hasMessageContaining("mincard.security.demo.password").hasMessageNotContaining(weak);
            });
        }
    }

    @Test
    void refusesDemoUsers_whenAFurtherUsersPasswordIsWeak() {
        demoContext.withPropertyValues("mincard.security.demo.users.extra.password=x",
                "mincard.security.demo.users.extra.role=AUDITOR").run(context -> {

            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(DemoUsersRefused.class)
                    .hasMessageContaining("mincard.security.demo.users.extra.password");
        });
    }

    @Test
    void refusesToStart_whenApplicationRunsAgainstExternalDatabaseWithDemoUsers() {
        SpringApplicationBuilder application = new SpringApplicationBuilder(MincardApplication.class)
                .web(WebApplicationType.NONE);

        assertThatThrownBy(() -> application.run(Stream.concat(Stream.of("--spring.datasource.url=" + EXTERNAL_URL),
                Arrays.stream(TestKeys.arguments())).toArray(String[]::new)))
                .isInstanceOf(DemoUsersRefused.class)
                .hasMessageContaining("external database")
                .hasMessageNotContaining(EXTERNAL_URL);
    }

    @Test
    void refusesDemoUsers_whenContextHasAProfile() {
        demoContext.withPropertyValues("spring.profiles.active=staging").run(context -> {

            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(DemoUsersRefused.class);
        });
    }

    @Test
    void refusesDemoUsers_whenContextHasExternalDatabase() {
        demoContext.withPropertyValues("spring.datasource.url=" + EXTERNAL_URL).run(context -> {

            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(DemoUsersRefused.class);
        });
    }

    @Test
    void createsDemoUsers_whenExternalDatabaseIsExplicitlyAllowed() {
        demoContext.withPropertyValues("spring.datasource.url=" + EXTERNAL_URL,
                "mincard.security.demo.allow-with-external-database=true").run(context -> {

            assertThat(context).hasNotFailed();
            assertThat(context.getBean(UserDetailsService.class).loadUserByUsername("clerk-b"))
                    .isInstanceOf(DemoUserDetails.class);
        });
    }

    @Test
    void createsNoDemoUsers_whenModeIsJwt() {
        demoContext.withPropertyValues("mincard.security.mode=jwt", "spring.profiles.active=prod").run(context -> {

            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(UserDetailsService.class);
        });
    }

    @Test
    void allowsDemoUsers_whenDatabaseIsTheEmbeddedOne() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource(EmbeddedPostgresEnvironment.SOURCE_NAME,
                Map.of("spring.datasource.url", "jdbc:postgresql://localhost:5555/mincard")));

        assertThatCode(() -> DemoUsersGuard.check(environment)).doesNotThrowAnyException();
    }

    @Test
    void refusesDemoUsers_whenDatabaseUrlComesFromEnvironmentVariable() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource("env",
                Map.of("SPRING_DATASOURCE_URL", EXTERNAL_URL)));

        assertThatThrownBy(() -> DemoUsersGuard.check(environment)).isInstanceOf(DemoUsersRefused.class);
    }

    @Test
    void allowsProfile_whenModeIsJwt() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.setActiveProfiles("prod");
        environment.getPropertySources().addFirst(new MapPropertySource("test", Map.of(
                "mincard.security.mode", "jwt", "spring.datasource.url", EXTERNAL_URL)));

        assertThatCode(() -> DemoUsersGuard.check(environment)).doesNotThrowAnyException();
    }

    @Test
    void explainsWhatToDo_whenStartIsRefused() {
        DemoUsersRefused refused = new DemoUsersRefused("reason", "set mincard.security.mode=jwt");

        FailureAnalysis analysis = new DemoUsersRefusedFailureAnalyzer().analyze(refused);

        assertThat(analysis.getDescription()).isEqualTo("reason");
        assertThat(analysis.getAction()).isEqualTo("set mincard.security.mode=jwt");
    }
}
