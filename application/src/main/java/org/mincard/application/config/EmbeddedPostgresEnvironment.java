package org.mincard.application.config;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Starts a real PostgreSQL from Maven artifacts when no {@code spring.datasource.url} is configured, and points the
 * standard datasource settings at it. Everything downstream (Flyway, Hikari, Axon) sees an ordinary PostgreSQL.
 *
 * <p>Two modes. {@code persistent} (the default, for running the service) keeps its data directory across restarts
 * and runs with fsync on. {@code ephemeral} (tests) starts one server per JVM in a throw-away directory with fsync
 * off, and gives each application context its own database, so cached test contexts stay isolated from each other.
 * In ephemeral mode an external server given by {@code mincard.test.db.url} replaces the embedded one.
 *
 * <p>A persistent server belongs to the application contexts that use it: it stops when the last of them closes,
 * after every other bean (Axon's processors, the connection pool) has been destroyed, so a restart in the same JVM
 * finds the data directory free. A shutdown handler, which Spring Boot runs after closing its contexts, stops any
 * server left over from a context that never got created.
 */
public class EmbeddedPostgresEnvironment implements EnvironmentPostProcessor, Ordered {

    static final String PREFIX = "mincard.embedded-postgres.";
    /** The property source that carries the embedded server's datasource settings. */
    public static final String SOURCE_NAME = "mincardEmbeddedPostgres";
    private static final AtomicInteger CONTEXTS = new AtomicInteger();
    private static final Map<Path, Server> SERVERS = new HashMap<>();
    private static boolean shutdownHandlerAdded;
    private static EmbeddedPostgres ephemeralServer;
    private static String ephemeralPassword;
    private static final Map<String, String> APP_PASSWORDS = new HashMap<>();

    /** A running server and the number of application contexts using it. */
    private static final class Server {
        final EmbeddedPostgres postgres;
        int users;

        Server(EmbeddedPostgres postgres) {
            this.postgres = postgres;
        }
    }

    private final Log log;

    public EmbeddedPostgresEnvironment(DeferredLogFactory logFactory) {
        this.log = logFactory.getLog(EmbeddedPostgresEnvironment.class);
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (StringUtils.hasText(environment.getProperty("spring.datasource.url"))
                || !environment.getProperty(PREFIX + "enabled", Boolean.class, true)) {
            return;
        }
        boolean ephemeral = "ephemeral".equalsIgnoreCase(environment.getProperty(PREFIX + "mode", "persistent"));
        Map<String, Object> datasource = ephemeral
                ? ephemeralDatabase(environment) : persistentDatabase(environment, application);
        environment.getPropertySources().addFirst(new MapPropertySource(SOURCE_NAME, datasource));
    }

    private Map<String, Object> persistentDatabase(ConfigurableEnvironment environment, SpringApplication application) {
        Path dataDirectory = Path.of(environment.getProperty(PREFIX + "data-directory", "./data/pg"))
                .toAbsolutePath().normalize();
        int port = environment.getProperty(PREFIX + "port", Integer.class, 0);
        String superuserPassword = EmbeddedPostgresPassword.resolve(environment.getProperty(PREFIX + "password"),
                Path.of(environment.getProperty(PREFIX + "password-file", "./data/embedded-postgres-password")));
        EmbeddedPostgres postgres = acquire(dataDirectory, port, superuserPassword);
        // Registered before any other bean exists, so it is destroyed after all of them (reverse registration order).
        application.addInitializers(context -> {
            if (context.getBeanFactory() instanceof DefaultSingletonBeanRegistry registry) {
                registry.registerDisposableBean(SOURCE_NAME, () -> release(dataDirectory));
            }
        });
        createDatabaseIfMissing(postgres, "mincard");
        String appRole = environment.getProperty("mincard.database.app-role", "mincard_app");
        String appPassword = ensureAppRole(postgres, appRole);
        log.info("Embedded PostgreSQL " + serverVersion(postgres) + " on port " + postgres.getPort()
                + ", data directory " + dataDirectory);
        return datasource(url(postgres, "mincard"), "postgres", superuserPassword, appRole, appPassword);
    }

    private Map<String, Object> ephemeralDatabase(ConfigurableEnvironment environment) {
        String database = "mincard_" + CONTEXTS.incrementAndGet();
        String external = environment.getProperty("mincard.test.db.url");
        if (StringUtils.hasText(external)) {
            String user = environment.getProperty("mincard.test.db.username", "postgres");
            String password = environment.getProperty("mincard.test.db.password", "");
            try (Connection connection = DriverManager.getConnection(external, user, password)) {
                recreateDatabase(connection, database);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot prepare a test database on the external PostgreSQL", e);
            }
            int slash = external.lastIndexOf('/');
            int query = external.indexOf('?', slash);
            String url = external.substring(0, slash + 1) + database + (query < 0 ? "" : external.substring(query));
            return datasource(url, user, password);
        }
        EmbeddedPostgres postgres = sharedEphemeralServer(environment);
        String superuserPassword = ephemeralPassword;
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            recreateDatabase(connection, database);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare a test database on the embedded PostgreSQL", e);
        }
        String appRole = environment.getProperty("mincard.database.app-role", "mincard_app");
        String appPassword = ensureAppRole(postgres, appRole);
        return datasource(url(postgres, database), "postgres", superuserPassword, appRole, appPassword);
    }

    /**
     * The application's login role: not the owner of anything, so that it cannot change the chained audit tables
     * (Flyway, as the owner, grants it the rest). A fresh password per JVM and server; nothing outside needs it.
     */
    private static synchronized String ensureAppRole(EmbeddedPostgres postgres, String role) {
        String key = postgres.getPort() + "/" + role;
        String known = APP_PASSWORDS.get(key);
        if (known != null) {
            return known;
        }
        if (!role.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalStateException("mincard.database.app-role must be a lower-case PostgreSQL identifier");
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String password = HexFormat.of().formatHex(random);
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + role
                    + "') THEN CREATE ROLE " + role + " LOGIN; END IF; END $$");
            statement.execute("ALTER ROLE " + role + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '"
                    + password + "'");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare the application role on the embedded PostgreSQL", e);
        }
        APP_PASSWORDS.put(key, password);
        return password;
    }

    private static synchronized EmbeddedPostgres sharedEphemeralServer(ConfigurableEnvironment environment) {
        if (ephemeralServer == null) {
            Path base = Path.of(environment.getProperty(PREFIX + "data-directory", "target/embedded-pg"));
            // Throw-away data: zonky's own JVM shutdown hook may stop it whenever the test JVM exits.
            ephemeralPassword = EmbeddedPostgresPassword.generate();
            ephemeralServer = start(base.resolve(UUID.randomUUID().toString()).toAbsolutePath(), true, 0, false,
                    ephemeralPassword);
        }
        return ephemeralServer;
    }

    private static synchronized EmbeddedPostgres acquire(Path dataDirectory, int port, String superuserPassword) {
        Server server = SERVERS.get(dataDirectory);
        if (server == null) {
            server = new Server(start(dataDirectory, false, port, true, superuserPassword));
            SERVERS.put(dataDirectory, server);
        }
        server.users++;
        if (!shutdownHandlerAdded) {
            SpringApplication.getShutdownHandlers().add(EmbeddedPostgresEnvironment::stopAll);
            shutdownHandlerAdded = true;
        }
        return server.postgres;
    }

    private static synchronized void release(Path dataDirectory) {
        Server server = SERVERS.get(dataDirectory);
        if (server != null && --server.users == 0) {
            SERVERS.remove(dataDirectory);
            stop(server.postgres, dataDirectory);
        }
    }

    private static synchronized void stopAll() {
        SERVERS.forEach((dataDirectory, server) -> stop(server.postgres, dataDirectory));
        SERVERS.clear();
    }

    private static void stop(EmbeddedPostgres postgres, Path dataDirectory) {
        try {
            postgres.close();
            LogFactory.getLog(EmbeddedPostgresEnvironment.class).info("Embedded PostgreSQL stopped, data directory "
                    + dataDirectory);
        } catch (IOException e) {
            LogFactory.getLog(EmbeddedPostgresEnvironment.class).warn("Embedded PostgreSQL did not stop cleanly", e);
        }
    }

    /** The folder beside the data directory where zonky unpacks the PostgreSQL binaries and keeps its lock. */
    public static Path runtimeDirectory(Path dataDirectory) {
        return dataDirectory.resolveSibling(dataDirectory.getFileName() + "-runtime");
    }

    private static EmbeddedPostgres start(Path dataDirectory, boolean ephemeral, int port, boolean fsync,
                                          String superuserPassword) {
        Path workingDirectory = runtimeDirectory(dataDirectory);
        Path passwordFile = workingDirectory.resolve("initdb-pwfile");
        try {
            // Owner-only before zonky writes anything: it makes its binary folder world-writable, and a local user
            // who could replace the binaries or read the data would own the database.
            EmbeddedPostgresPassword.createPrivateDirectories(dataDirectory);
            EmbeddedPostgresPassword.createPrivateDirectories(workingDirectory);
            EmbeddedPostgresPassword.writePrivate(passwordFile, superuserPassword);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    // initdb: password (SCRAM) authentication for every connection from the first start; zonky's
                    // own "-A trust" comes first on its command line and is overridden by these.
                    .setLocaleConfig("auth-local", "scram-sha-256")
                    .setLocaleConfig("auth-host", "scram-sha-256")
                    .setLocaleConfig("pwfile", passwordFile.toString())
                    .setConnectConfig("password", superuserPassword)
                    // No Unix socket (it would sit in /tmp); clients connect over TCP to localhost with a password.
                    .setServerConfig("unix_socket_directories", "''")
                    .setServerConfig("password_encryption", "scram-sha-256")
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(ephemeral)
                    .setOverrideWorkingDirectory(workingDirectory.toFile())
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // zonky starts the postmaster with -F (fsync off); a service keeping real cases turns it back on.
                    .setServerConfig("fsync", fsync ? "on" : "off")
                    .setServerConfig("synchronous_commit", fsync ? "on" : "off")
                    // Tests keep many application contexts (each with its own pool) open on one shared server.
                    .setServerConfig("max_connections", ephemeral ? "600" : "200")
                    .setServerConfig("listen_addresses", "localhost")
                    // The server's own error lines quote statements and key values (personal data): it logs only
                    // FATAL/PANIC, never a statement, and into its runtime folder, not the service's log.
                    .setServerConfig("log_min_messages", "fatal")
                    .setServerConfig("log_min_error_statement", "panic")
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(
                            workingDirectory.resolve("postgresql.log").toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(
                            workingDirectory.resolve("postgresql.log").toFile()))
                    // A persistent server must outlive Spring's shutdown, which may still write (token claims);
                    // it is stopped by release/stopAll instead of zonky's hook, which runs concurrently with Spring's.
                    .setRegisterShutdownHook(ephemeral);
            if (port > 0) {
                builder.setPort(port);
            }
            EmbeddedPostgres postgres = builder.start();
            EmbeddedPostgresPassword.requirePasswordAuthentication(postgres, dataDirectory, superuserPassword);
            EmbeddedPostgresPassword.restrictToOwner(dataDirectory, workingDirectory);
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + dataDirectory, e);
        } finally {
            try {
                Files.deleteIfExists(passwordFile);
            } catch (IOException e) {
                LogFactory.getLog(EmbeddedPostgresEnvironment.class).warn("cannot delete " + passwordFile, e);
            }
        }
    }

    private static void createDatabaseIfMissing(EmbeddedPostgres postgres, String database) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             var exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, database);
            if (!exists.executeQuery().next()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("CREATE DATABASE " + database);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the database on the embedded PostgreSQL", e);
        }
    }

    private static void recreateDatabase(Connection connection, String database) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + database);
        }
    }

    private static String serverVersion(EmbeddedPostgres postgres) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            return connection.getMetaData().getDatabaseProductVersion();
        } catch (SQLException e) {
            return "(version unknown)";
        }
    }

    /** Without zonky's {@code ?user=} parameter, which would override the datasource's username. */
    private static String url(EmbeddedPostgres postgres, String database) {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database;
    }

    /** The application connects as its own role; Flyway migrates as the owner. */
    private static Map<String, Object> datasource(String url, String owner, String ownerPassword, String appRole,
                                                  String appPassword) {
        return Map.of(
                "spring.datasource.url", url,
                "spring.datasource.username", appRole,
                "spring.datasource.password", appPassword,
                "spring.flyway.user", owner,
                "spring.flyway.password", ownerPassword);
    }

    /**
     * A test server given by {@code mincard.test.db.url}: one user that may create databases, for migrations and the
     * service alike, so the database-role guard is told to allow it (ADR 0024).
     */
    private static Map<String, Object> datasource(String url, String username, String password) {
        return Map.of(
                "spring.datasource.url", url,
                "spring.datasource.username", username,
                "spring.datasource.password", password,
                DatabaseRoleGuard.ALLOW, "true");
    }
}
