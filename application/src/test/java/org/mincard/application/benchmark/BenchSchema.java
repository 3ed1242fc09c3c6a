package org.mincard.application.benchmark;

import org.springframework.core.env.Environment;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The benchmark's own tables (load progress, the raw-insert anchor) live in schema {@code bench}. The application's
 * database role may not create schemas, so they are created as the schema owner (Flyway's user); the owner's default
 * privileges then give the application role the same access it has to every other table.
 */
final class BenchSchema {

    private BenchSchema() {
    }

    static void create(Environment environment, String... statements) {
        String url = environment.getRequiredProperty("spring.datasource.url");
        String user = environment.getProperty("spring.flyway.user", environment.getProperty("spring.datasource.username"));
        String password = environment.getProperty("spring.flyway.password",
                environment.getProperty("spring.datasource.password", ""));
        try (Connection connection = DriverManager.getConnection(url, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA IF NOT EXISTS bench");
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the benchmark's tables as the schema owner", e);
        }
    }
}
