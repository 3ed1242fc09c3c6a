package org.mincard.application.config;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Refuses the start ({@link DatabaseRoleRefused}) when the role the service connects as could change the append-only
 * audit tables: a superuser, a role with CREATEROLE, the owner (or a member of the owner's role) of a chained table,
 * of the chain itself or of the {@code audit} schema, a role granted UPDATE, DELETE or TRUNCATE on one of them, or
 * one allowed to set {@code session_replication_role} (which switches triggers off). The triggers and grants that
 * make those tables append-only bind only roles that are none of these (ADR 0008, ADR 0024).
 *
 * <p>It runs after the migrations (which create the tables it inspects) and before any event processor or the web
 * server starts. {@code mincard.database.allow-privileged-role=true} turns the refusal into a warning.
 */
@Component
@DependsOnDatabaseInitialization
class DatabaseRoleGuard implements InitializingBean {

    static final String ALLOW = "mincard.database.allow-privileged-role";
    private static final Log LOG = LogFactory.getLog(DatabaseRoleGuard.class);

    private final DataSource dataSource;
    private final boolean allowed;

    DatabaseRoleGuard(DataSource dataSource, @Value("${" + ALLOW + ":false}") boolean allowed) {
        this.dataSource = dataSource;
        this.allowed = allowed;
    }

    @Override
    public void afterPropertiesSet() throws SQLException {
        String role;
        List<String> powers;
        try (Connection connection = dataSource.getConnection()) {
            role = single(connection, "SELECT current_user");
            powers = powers(connection);
        }
        if (powers.isEmpty()) {
            LOG.info("Database role '" + role + "' cannot change the append-only audit tables");
            return;
        }
        String problem = "The service connects to PostgreSQL as '" + role + "', which " + String.join("; ", powers)
                + ". Such a role can rewrite or delete the access log, the request register and the purge"
                + " manifests, so their append-only protection means nothing.";
        if (allowed) {
            LOG.warn(problem + " Starting anyway because " + ALLOW + "=true: the audit tables are not protected"
                    + " from this service's credentials.");
            return;
        }
        throw new DatabaseRoleRefused(problem, "Connect the service as the restricted application role and run the"
                + " migrations as the schema owner: spring.datasource.username (SPRING_DATASOURCE_USERNAME) = the"
                + " application role (mincard.database.app-role, default mincard_app; LOGIN NOSUPERUSER NOCREATEROLE,"
                + " not a member of the owner's role), spring.flyway.user / spring.flyway.password"
                + " (SPRING_FLYWAY_USER / SPRING_FLYWAY_PASSWORD) = the owner. If this database was migrated as '"
                + role + "', hand its objects to the owner first (REASSIGN OWNED BY " + role + " TO <owner>, then"
                + " the grants of V60_1__application_role.sql): docs/oversight.md \"Database roles\". Only for a trial"
                + " whose audit trail does not matter: " + ALLOW + "=true (MINCARD_DB_ALLOW_PRIVILEGED_ROLE).");
    }

    /** What the connected role can do to the audit tables, one phrase each; empty when it is restricted. */
    static List<String> powers(Connection connection) throws SQLException {
        List<String> powers = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet role = statement.executeQuery(
                     "SELECT rolsuper, rolcreaterole FROM pg_roles WHERE rolname = current_user")) {
            role.next();
            if (role.getBoolean(1)) {
                return List.of("is a superuser (it bypasses every grant and can disable any trigger)");
            }
            if (role.getBoolean(2)) {
                powers.add("has CREATEROLE (it can make itself a member of the schema owner's role)");
            }
        }
        if (!flag(connection, "SELECT to_regclass('audit.chained_stream') IS NOT NULL")) {
            return powers;
        }
        Map<String, List<String>> owned = new LinkedHashMap<>();
        List<String> changeable = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet tables = statement.executeQuery("""
                     SELECT c.oid::regclass::text, pg_get_userbyid(c.relowner),
                            pg_has_role(current_user, c.relowner, 'MEMBER'),
                            has_table_privilege(current_user, c.oid, 'UPDATE')
                                OR has_table_privilege(current_user, c.oid, 'DELETE')
                                OR has_table_privilege(current_user, c.oid, 'TRUNCATE')
                     FROM (SELECT table_name FROM audit.chained_stream
                           UNION SELECT 'audit.chain_link' UNION SELECT 'audit.chained_stream'
                           UNION SELECT 'audit.checkpoint') t
                     JOIN pg_class c ON c.oid = to_regclass(t.table_name)
                     ORDER BY 1""")) {
            while (tables.next()) {
                if (tables.getBoolean(3)) {
                    owned.computeIfAbsent(tables.getString(2), owner -> new ArrayList<>()).add(tables.getString(1));
                } else if (tables.getBoolean(4)) {
                    changeable.add(tables.getString(1));
                }
            }
        }
        String self = single(connection, "SELECT current_user");
        owned.forEach((owner, tables) -> powers.add((owner.equals(self) ? "owns " : "is a member of '" + owner
                + "', which owns ") + String.join(", ", tables) + " (an owner can drop or disable the append-only"
                + " triggers)"));
        if (!changeable.isEmpty()) {
            powers.add("may UPDATE, DELETE or TRUNCATE " + String.join(", ", changeable));
        }
        if (owned.isEmpty() && flag(connection,
                "SELECT pg_has_role(current_user, nspowner, 'MEMBER') FROM pg_namespace WHERE nspname = 'audit'")) {
            powers.add("owns the schema audit (it can drop the audit tables)");
        }
        if (Integer.parseInt(single(connection, "SELECT current_setting('server_version_num')")) >= 150000
                && flag(connection,
                "SELECT has_parameter_privilege(current_user, 'session_replication_role', 'SET')")) {
            powers.add("may SET session_replication_role (which switches the append-only triggers off)");
        }
        return powers;
    }

    private static boolean flag(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            return result.next() && result.getBoolean(1);
        }
    }

    private static String single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }
}
