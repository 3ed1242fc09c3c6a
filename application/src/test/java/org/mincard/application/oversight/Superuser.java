package org.mincard.application.oversight;

import org.springframework.core.env.Environment;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** Runs SQL as the database owner (Flyway's user), as a database administrator tampering with the logs would. */
final class Superuser {

    private Superuser() {
    }

    static void execute(Environment environment, String... statements) {
        try (Connection connection = DriverManager.getConnection(environment.getRequiredProperty("spring.datasource.url"),
                environment.getProperty("spring.flyway.user", environment.getProperty("spring.datasource.username")),
                environment.getProperty("spring.flyway.password",
                        environment.getProperty("spring.datasource.password")));
             Statement statement = connection.createStatement()) {
            // The append-only triggers do not fire for a superuser who switches to replica mode.
            statement.execute("SET session_replication_role = replica");
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
