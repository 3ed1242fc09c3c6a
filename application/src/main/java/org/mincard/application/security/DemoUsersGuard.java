package org.mincard.application.security;

import org.mincard.application.config.EmbeddedPostgresEnvironment;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.util.StringUtils;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Refuses to start with demo users where they would guard real data: under any Spring profile, active or default
 * (profiles are how real environments are configured), or against a database the operator configured, unless that is explicitly
 * allowed. It runs while the environment is prepared, before any database is started, connected or migrated; the
 * demo configuration checks again when its users are created, so a context built without this hook is covered too.
 */
public class DemoUsersGuard implements EnvironmentPostProcessor, Ordered {

    private static final String DATASOURCE_URL = "spring.datasource.url";
    private static final String DATASOURCE_JNDI = "spring.datasource.jndi-name";
    private static final String DEFAULT_PROFILE = "default";
    private static final List<String> PROFILE_KEYS = List.of("spring.profiles.active", "spring.profiles.default",
            "spring.profiles.include");
    static final String MODE = "mincard.security.mode";
    static final String ALLOW_EXTERNAL_DATABASE = "mincard.security.demo.allow-with-external-database";

    @Override
    public int getOrder() {
        // After the config files are read, before EmbeddedPostgresEnvironment (lowest precedence) starts a database.
        return Ordered.LOWEST_PRECEDENCE - 10;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        check(environment);
    }

    static void check(ConfigurableEnvironment environment) {
        Binder binder = Binder.get(environment);
        SecuritySettings.Mode mode = binder.bind(MODE, SecuritySettings.Mode.class).orElse(SecuritySettings.Mode.DEMO);
        if (mode != SecuritySettings.Mode.DEMO) {
            return;
        }
        Set<String> profiles = profiles(environment, binder);
        if (!profiles.isEmpty()) {
            throw new DemoUsersRefused("Demo users are enabled (mincard.security.mode=demo, the default) while the "
                    + "Spring profile(s) " + profiles + " are active or default. Demo users exist only for the "
                    + "embedded default without profiles.",
                    "Connect the city's identity provider: set mincard.security.mode=jwt and "
                            + "mincard.security.jwt.issuer-uri (see docs/security.md).");
        }
        if (externalDatabase(environment) && !binder.bind(ALLOW_EXTERNAL_DATABASE, Boolean.class).orElse(false)) {
            throw new DemoUsersRefused("Demo users are enabled (mincard.security.mode=demo, the default) while an "
                    + "external database is configured (spring.datasource.url). Demo users with published names "
                    + "must not guard a real database.",
                    "Set mincard.security.mode=jwt for a real deployment, or, for a shared demo or training system "
                            + "only, set " + ALLOW_EXTERNAL_DATABASE + "=true.");
        }
    }

    /**
     * Every profile the environment has or will have: active ones, default ones other than Spring's own "default"
     * ({@code --spring.profiles.default=prod} is a profile too), and those the settings name but that are not
     * applied yet, whichever source they come from.
     */
    static Set<String> profiles(ConfigurableEnvironment environment, Binder binder) {
        Set<String> profiles = new TreeSet<>(Arrays.asList(environment.getActiveProfiles()));
        profiles.addAll(Arrays.asList(environment.getDefaultProfiles()));
        for (String key : PROFILE_KEYS) {
            binder.bind(key, Bindable.listOf(String.class)).ifBound(profiles::addAll);
        }
        profiles.removeIf(profile -> !StringUtils.hasText(profile) || DEFAULT_PROFILE.equals(profile.strip()));
        return profiles;
    }

    /** A datasource URL that some source other than the embedded PostgreSQL provides. */
    static boolean externalDatabase(ConfigurableEnvironment environment) {
        if (StringUtils.hasText(environment.getProperty(DATASOURCE_JNDI))) {
            return true;
        }
        for (PropertySource<?> source : environment.getPropertySources()) {
            // The attached source is a view over all the others; look at the real ones, in precedence order.
            if (ConfigurationPropertySources.isAttachedConfigurationPropertySource(source)
                    || !source.containsProperty(DATASOURCE_URL)) {
                continue;
            }
            return !EmbeddedPostgresEnvironment.SOURCE_NAME.equals(source.getName())
                    && StringUtils.hasText(String.valueOf(source.getProperty(DATASOURCE_URL)));
        }
        return false;
    }
}
