package org.mincard.application.config;

import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.util.StringUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps every secret key away from the data it protects. It runs while the environment is prepared, before any
 * database is started or connected, and refuses the start ({@link KeyCustodyRefused}) when
 * <ul>
 *   <li>outside the embedded demo, a secret key (KEK, blind-index key, manifest or checkpoint signing key) is not
 *       supplied from outside the database: a {@code value} (environment), a {@code file} (a mounted secret) or, for
 *       the KEK, a PKCS#11 token;</li>
 *   <li>anywhere, a configured key file (or the demo key folder) lies inside the PostgreSQL data directory.</li>
 * </ul>
 * The <b>embedded demo</b> is: no {@code spring.datasource.url} of the operator's (the embedded PostgreSQL is used),
 * {@code mincard.security.mode=demo} (the default) and no active Spring profile. Only there are missing keys generated,
 * into {@code mincard.keys.demo-directory} (default {@code data/demo-keys}, apart from {@code data/pg}), and one log
 * line says so. The decision is published as {@code mincard.keys.generate} for the key loaders. Other Spring
 * applications in the same JVM are left alone.
 */
public class KeyCustodyGuard implements EnvironmentPostProcessor, Ordered {

    public static final String GENERATE = "mincard.keys.generate";
    static final String DEMO_DIRECTORY = "mincard.keys.demo-directory";
    static final String SOURCE_NAME = "mincardKeyCustody";
    static final String KEK_KEYS = "mincard.vault.kek.keys";
    static final String KEK_DIRECTORY = "mincard.vault.kek.directory";
    static final String PKCS11_LIBRARY = "mincard.vault.kek.pkcs11.library";
    static final String PKCS11_PIN = "mincard.vault.kek.pkcs11.pin";
    static final String BLIND_INDEX_KEY = "mincard.blind-index.key";
    static final String MANIFEST_KEY = "mincard.retention.signing.key";
    static final String CHECKPOINT_KEY = "mincard.oversight.checkpoints.signing-key";
    private static final String DATASOURCE_URL = "spring.datasource.url";
    private static final String MINCARD_APPLICATION = "org.mincard.application.MincardApplication";

    private final Log log;

    public KeyCustodyGuard(DeferredLogFactory logFactory) {
        this.log = logFactory.getLog(KeyCustodyGuard.class);
    }

    @Override
    public int getOrder() {
        // After the config files are read; before the demo-users guard and the embedded PostgreSQL.
        return Ordered.LOWEST_PRECEDENCE - 20;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!isMincard(application)) {
            return;
        }
        Decision decision = check(environment);
        environment.getPropertySources().addFirst(new MapPropertySource(SOURCE_NAME,
                Map.of(GENERATE, String.valueOf(decision.demo()))));
        if (decision.demo() && !decision.generated().isEmpty()) {
            log.info("Embedded demo installation: " + String.join(", ", decision.generated())
                    + " generated and kept in " + decision.demoDirectories() + ", apart from the database in "
                    + decision.databaseDirectory() + ". A demo installation is not an erasure guarantee: a copy of"
                    + " both folders recovers purged data (docs/privacy.md).");
        }
    }

    /**
     * Spring Boot runs every registered post-processor for every application in the JVM (a test's stand-in identity
     * provider, a tool embedding Spring): the guard only judges mincard's own, started from {@code MincardApplication}
     * (by name: this package must not depend on the application's root).
     */
    static boolean isMincard(SpringApplication application) {
        return application.getAllSources().stream()
                .anyMatch(source -> source instanceof Class<?> type && MINCARD_APPLICATION.equals(type.getName()));
    }

    /** What the guard decided: demo or not, and which keys the demo generates (by their settings). */
    record Decision(boolean demo, List<String> generated, List<Path> demoDirectories, Path databaseDirectory) {
    }

    /** Checks the environment; throws {@link KeyCustodyRefused} when a key would sit beside the data. */
    static Decision check(ConfigurableEnvironment environment) {
        Binder binder = Binder.get(environment);
        String reason = notDemoBecause(environment, binder);
        boolean demo = reason == null;
        Path database = absolute(Path.of(environment.getProperty("mincard.embedded-postgres.data-directory",
                environment.getProperty("mincard.data-directory", "./data") + "/pg")));

        Map<String, SecretSetting> secrets = new LinkedHashMap<>();
        Map<String, SecretSetting> keks = binder.bind(KEK_KEYS,
                Bindable.mapOf(String.class, SecretSetting.class)).orElse(Map.of());
        keks.forEach((id, setting) -> secrets.put(KEK_KEYS + "." + id, setting));
        boolean hsm = StringUtils.hasText(environment.getProperty(PKCS11_LIBRARY));
        if (hsm) {
            secrets.put(PKCS11_PIN, secret(binder, PKCS11_PIN));
        }
        secrets.put(BLIND_INDEX_KEY, secret(binder, BLIND_INDEX_KEY));
        secrets.put(MANIFEST_KEY, secret(binder, MANIFEST_KEY));
        secrets.put(CHECKPOINT_KEY, secret(binder, CHECKPOINT_KEY));

        for (Map.Entry<String, SecretSetting> entry : secrets.entrySet()) {
            SecretSetting setting = entry.getValue();
            if (setting.file() != null && StringUtils.hasText(setting.file().toString())
                    && inside(setting.file(), database)) {
                throw new KeyCustodyRefused(entry.getKey() + ".file",
                        entry.getKey() + ".file names a file inside the PostgreSQL data directory " + database
                                + ". A key kept with the database is copied with it, so destroying a key would"
                                + " erase nothing.",
                        "Keep the key outside the database's data folder: a mounted secret elsewhere, an"
                                + " environment value (" + entry.getKey() + ".value) or the HSM (docs/privacy.md).");
            }
        }

        if (hsm && !secrets.get(PKCS11_PIN).isSet()) {
            throw new KeyCustodyRefused(PKCS11_PIN, PKCS11_LIBRARY + " is set but no PIN (" + PKCS11_PIN + ").",
                    "Set " + PKCS11_PIN + ".value or " + PKCS11_PIN + ".file (a mounted secret file).");
        }
        List<String> generated = new ArrayList<>();
        boolean kekSupplied = hsm || !keks.isEmpty();
        if (!kekSupplied) {
            generated.add("the KEK");
        }
        for (String name : List.of(BLIND_INDEX_KEY, MANIFEST_KEY, CHECKPOINT_KEY)) {
            if (!secrets.get(name).isSet()) {
                generated.add(label(name));
            }
        }
        if (!demo && !generated.isEmpty()) {
            String setting = !kekSupplied ? KEK_KEYS + ".<id>" : firstMissing(secrets);
            throw new KeyCustodyRefused(setting, "No " + (kekSupplied ? label(setting) : "KEK") + " is configured ("
                    + setting + ") and this is not the embedded demo (" + reason + "). Outside the demo every"
                    + " secret key must come from outside the database's data folder; none is generated.",
                    "Set " + setting + ".value (e.g. from an environment variable) or " + setting
                            + ".file (a mounted secret file)" + (kekSupplied ? "" : ", or use an HSM ("
                            + PKCS11_LIBRARY + ")") + "; see the key table in README.md and docs/privacy.md.");
        }
        List<Path> demoDirectories = new ArrayList<>();
        if (demo && !generated.isEmpty()) {
            Path demoDirectory = absolute(Path.of(environment.getProperty(DEMO_DIRECTORY,
                    environment.getProperty("mincard.data-directory", "./data") + "/demo-keys")));
            demoDirectories.add(demoDirectory);
            if (!kekSupplied) {
                Path kekDirectory = absolute(Path.of(environment.getProperty(KEK_DIRECTORY,
                        demoDirectory.toString())));
                if (!kekDirectory.equals(demoDirectory)) {
                    demoDirectories.add(kekDirectory);
                }
            }
            for (Path directory : demoDirectories) {
                if (inside(directory, database)) {
                    throw new KeyCustodyRefused(DEMO_DIRECTORY, "The demo key folder " + directory
                            + " lies inside the PostgreSQL data directory " + database + ".",
                            "Point " + DEMO_DIRECTORY + " (and " + KEK_DIRECTORY + ") at a folder outside it.");
                }
            }
            adoptOldKeyFolder(environment, demoDirectory);
        }
        return new Decision(demo, List.copyOf(generated), List.copyOf(demoDirectories), database);
    }

    /** Null for the embedded demo, else why not (naming the setting that makes it a real installation). */
    static String notDemoBecause(ConfigurableEnvironment environment, Binder binder) {
        if (externalDatabase(environment)) {
            return DATASOURCE_URL + " is set";
        }
        if (!environment.getProperty("mincard.embedded-postgres.enabled", Boolean.class, true)) {
            return "mincard.embedded-postgres.enabled=false";
        }
        String mode = binder.bind("mincard.security.mode", String.class).orElse("demo");
        if (!"demo".equalsIgnoreCase(mode.trim())) {
            return "mincard.security.mode=" + mode.trim();
        }
        if (environment.getActiveProfiles().length > 0) {
            return "Spring profile(s) " + String.join(",", environment.getActiveProfiles()) + " active";
        }
        return null;
    }

    private static boolean externalDatabase(ConfigurableEnvironment environment) {
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (ConfigurationPropertySources.isAttachedConfigurationPropertySource(source)
                    || !source.containsProperty(DATASOURCE_URL)) {
                continue;
            }
            return !EmbeddedPostgresEnvironment.SOURCE_NAME.equals(source.getName())
                    && StringUtils.hasText(String.valueOf(source.getProperty(DATASOURCE_URL)));
        }
        return false;
    }

    /** Demo installations from before data/demo-keys kept their keys in data/keys: move them once. */
    private static void adoptOldKeyFolder(ConfigurableEnvironment environment, Path demoDirectory) {
        Path old = absolute(Path.of(environment.getProperty("mincard.data-directory", "./data"), "keys"));
        if (!Files.exists(demoDirectory) && Files.isDirectory(old)) {
            try {
                Files.createDirectories(demoDirectory.getParent());
                Files.move(old, demoDirectory);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot move the demo keys from " + old + " to " + demoDirectory, e);
            }
        }
    }

    private static SecretSetting secret(Binder binder, String name) {
        return binder.bind(name, SecretSetting.class).orElse(SecretSetting.NONE);
    }

    private static String firstMissing(Map<String, SecretSetting> secrets) {
        return secrets.entrySet().stream().filter(e -> !e.getValue().isSet()).map(Map.Entry::getKey)
                .findFirst().orElseThrow();
    }

    private static String label(String setting) {
        return switch (setting) {
            case BLIND_INDEX_KEY -> "the blind-index key";
            case MANIFEST_KEY -> "the manifest signing key";
            case CHECKPOINT_KEY -> "the checkpoint signing key";
            case PKCS11_PIN -> "the HSM PIN";
            default -> "the key";
        };
    }

    static boolean inside(Path candidate, Path directory) {
        Path file = absolute(candidate);
        Path dir = directory;
        try {
            if (Files.exists(file)) {
                file = file.toRealPath();
            }
            if (Files.exists(dir)) {
                dir = dir.toRealPath();
            }
        } catch (IOException e) {
            // Compare the normalized paths.
        }
        return file.startsWith(dir);
    }

    private static Path absolute(Path path) {
        return path.toAbsolutePath().normalize();
    }
}
