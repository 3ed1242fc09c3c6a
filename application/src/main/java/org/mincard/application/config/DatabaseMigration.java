package org.mincard.application.config;

import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Runs the service's Flyway migrations and exits: the Kubernetes migration Job's entry point (deploy/k8s), so that
 * only that Job holds the schema owner's credentials and the service connects as the application role (ADR 0024).
 * Same settings as the service ({@code application.yml}: locations, placeholders, {@code spring.datasource.*} or
 * {@code spring.flyway.*}), nothing else of it starts. It refuses to migrate while the application role does not
 * exist, because the grants of {@code V60_1} would then be skipped for good.
 *
 * <p>From the image: {@code java -Dloader.main=org.mincard.application.config.DatabaseMigration -cp mincard.jar
 * org.springframework.boot.loader.launch.PropertiesLauncher}. Not a component: the service never picks it up.
 */
@ImportAutoConfiguration({DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class})
public class DatabaseMigration {

    public static void main(String[] args) {
        System.exit(SpringApplication.exit(run(args)));
    }

    /** Migrates the configured database and returns the (finished) context. */
    public static ConfigurableApplicationContext run(String... args) {
        return new SpringApplicationBuilder(DatabaseMigration.class).web(WebApplicationType.NONE)
                .properties("mincard.embedded-postgres.enabled=false").run(args);
    }

    @Bean
    FlywayMigrationStrategy requireAppRole(@Value("${mincard.database.app-role}") String appRole) {
        return flyway -> {
            requireRole(flyway, appRole);
            flyway.migrate();
        };
    }

    private static void requireRole(Flyway flyway, String role) {
        try (Connection connection = flyway.getConfiguration().getDataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
            statement.setString(1, role);
            try (ResultSet result = statement.executeQuery()) {
                if (!result.next()) {
                    throw new IllegalStateException("The application role '" + role + "' (mincard.database.app-role)"
                            + " does not exist yet; create it before migrating, or its grants are never made.");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot check the application role before migrating", e);
        }
    }
}
