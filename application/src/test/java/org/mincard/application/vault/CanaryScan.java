package org.mincard.application.vault;

import com.zaxxer.hikari.HikariDataSource;

import javax.sql.DataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Looks for canary markers (unique random strings planted in personal fields) wherever personal data must never
 * appear in plaintext: every text, bytea and JSON column of every table outside PostgreSQL's catalogs, a
 * {@code pg_dump} of the database, and captured log output. Each marker is searched as its UTF-8 text, its hex form
 * (how {@code pg_dump} and {@code ::text} print bytea) and its base64 forms at each byte alignment (how JSON carries
 * byte arrays), so a marker hidden in an event payload, a dead letter or a sealed value's JSON is still found.
 */
public final class CanaryScan {

    /** One marker found: where (table.column, "pg_dump" or a log name), which marker and in which form. */
    public record Hit(String where, String marker, String form) {
    }

    private static final List<String> SCANNED_TYPES = List.of(
            "text", "character varying", "character", "bytea", "json", "jsonb", "xml", "ARRAY", "USER-DEFINED");

    private CanaryScan() {
    }

    /** The textual forms a marker can take in storage: text, hex, and base64 at every alignment. */
    public static Map<String, String> forms(String marker) {
        byte[] bytes = marker.getBytes(StandardCharsets.UTF_8);
        Map<String, String> forms = new LinkedHashMap<>();
        forms.put("text", marker);
        forms.put("hex", HexFormat.of().formatHex(bytes));
        forms.put("HEX", HexFormat.of().withUpperCase().formatHex(bytes));
        for (int shift = 0; shift < 3; shift++) {
            byte[] shifted = new byte[shift + bytes.length];
            System.arraycopy(bytes, 0, shifted, shift, bytes.length);
            String encoded = Base64.getEncoder().withoutPadding().encodeToString(shifted);
            // Only the characters computed from marker bits alone are stable, whatever surrounds the marker.
            int from = (shift * 8 + 5) / 6;
            int to = ((shift + bytes.length) * 8) / 6;
            String stable = encoded.substring(from, to);
            forms.put("base64+" + shift, stable);
            forms.put("base64url+" + shift, stable.replace('+', '-').replace('/', '_'));
        }
        return forms;
    }

    /** Markers found in one piece of text (a dump, a log). */
    public static List<Hit> scanText(String where, String text, Collection<String> markers) {
        List<Hit> hits = new ArrayList<>();
        for (String marker : markers) {
            forms(marker).forEach((form, value) -> {
                if (text.contains(value)) {
                    hits.add(new Hit(where, marker, form));
                }
            });
        }
        return hits;
    }

    /** Markers found in any text, bytea, JSON or array column of any table outside the system catalogs. */
    public static List<Hit> scanDatabase(DataSource dataSource, Collection<String> markers) throws SQLException {
        Set<Hit> hits = new LinkedHashSet<>();
        Map<String, List<String[]>> columnsByTable = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet columns = statement.executeQuery("""
                     SELECT c.table_schema, c.table_name, c.column_name, c.data_type
                     FROM information_schema.columns c
                     JOIN information_schema.tables t
                       ON t.table_schema = c.table_schema AND t.table_name = c.table_name
                     WHERE t.table_type = 'BASE TABLE'
                       AND c.table_schema NOT IN ('pg_catalog', 'information_schema')
                       AND c.table_schema NOT LIKE 'pg_toast%'
                     ORDER BY c.table_schema, c.table_name, c.ordinal_position""")) {
            while (columns.next()) {
                if (SCANNED_TYPES.contains(columns.getString(4))) {
                    columnsByTable.computeIfAbsent(quote(columns.getString(1)) + "." + quote(columns.getString(2)),
                            table -> new ArrayList<>()).add(new String[]{columns.getString(3), columns.getString(4)});
                }
            }
        }
        try (Connection connection = dataSource.getConnection()) {
            for (var table : columnsByTable.entrySet()) {
                for (String[] column : table.getValue()) {
                    String where = table.getKey() + "." + column[0];
                    boolean bytea = column[1].equals("bytea");
                    String select = "SELECT " + quote(column[0]) + (bytea ? "" : "::text") + " FROM " + table.getKey();
                    try (Statement statement = connection.createStatement();
                         ResultSet rows = statement.executeQuery(select)) {
                        while (rows.next()) {
                            if (bytea) {
                                byte[] value = rows.getBytes(1);
                                if (value != null) {
                                    hits.addAll(scanText(where, new String(value, StandardCharsets.ISO_8859_1), markers));
                                    hits.addAll(scanText(where, new String(value, StandardCharsets.UTF_8), markers));
                                }
                            } else {
                                String value = rows.getString(1);
                                if (value != null) {
                                    hits.addAll(scanText(where, value, markers));
                                }
                            }
                        }
                    }
                }
            }
        }
        return List.copyOf(hits);
    }

    /**
     * Markers found in a plain-format {@code pg_dump} of the database behind this DataSource. Without pg_dump on
     * the machine the dump part is skipped with a warning on a developer's machine (the test command must work with
     * only a JDK and Maven), but fails in CI ({@code CI=true}, where .ci/run installs the client) and whenever
     * {@code -Dmincard.canary.require-pg-dump=true} is set.
     */
    public static List<Hit> scanPgDump(DataSource dataSource, Collection<String> markers) throws Exception {
        Optional<Path> pgDump = findPgDump();
        if (pgDump.isEmpty()) {
            String message = "pg_dump (PostgreSQL 15 or newer) was not found; install it (Debian: apt-get install"
                    + " postgresql-client-15) or point -Dmincard.canary.pg-dump at it";
            boolean required = Boolean.getBoolean("mincard.canary.require-pg-dump")
                    || "true".equalsIgnoreCase(System.getenv("CI"));
            if (!required) {
                System.err.println("CANARY: pg_dump part SKIPPED: " + message);
                return List.of();
            }
            throw new IllegalStateException(message);
        }
        String url;
        String user;
        try (Connection connection = dataSource.getConnection()) {
            url = connection.getMetaData().getURL();
            user = connection.getMetaData().getUserName();
        }
        URI uri = URI.create(url.substring("jdbc:".length()));
        String database = uri.getPath().substring(1);
        ProcessBuilder builder = new ProcessBuilder(pgDump.get().toString(), "--no-password", "--format=plain",
                "--host=" + uri.getHost(), "--port=" + uri.getPort(), "--username=" + user, "--dbname=" + database);
        // Every connection needs a password, the embedded server's too (docs/security.md): the pool's own.
        String password = dataSource.isWrapperFor(HikariDataSource.class)
                ? dataSource.unwrap(HikariDataSource.class).getPassword()
                : System.getProperty("mincard.test.db.password", System.getenv("MINCARD_TEST_DB_PASSWORD"));
        if (password != null && !password.isEmpty()) {
            builder.environment().put("PGPASSWORD", password);
        }
        Process process = builder.start();
        CompletableFuture<byte[]> errors = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        byte[] dump = readAll(process.getInputStream());
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException("pg_dump failed: " + new String(errors.get(), StandardCharsets.UTF_8));
        }
        String text = new String(dump, StandardCharsets.UTF_8);
        if (!text.contains("PostgreSQL database dump")) {
            throw new IllegalStateException("pg_dump produced no dump");
        }
        return scanText("pg_dump", text, markers);
    }

    static Optional<Path> findPgDump() {
        String configured = System.getProperty("mincard.canary.pg-dump");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(Files::isExecutable);
        }
        Stream<Path> known = Stream.of("/usr/lib/postgresql/17/bin/pg_dump", "/usr/lib/postgresql/16/bin/pg_dump",
                "/usr/lib/postgresql/15/bin/pg_dump", "/usr/bin/pg_dump", "/usr/local/bin/pg_dump").map(Path::of);
        Stream<Path> onPath = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .filter(dir -> !dir.isBlank()).map(dir -> Path.of(dir, "pg_dump"));
        return Stream.concat(known, onPath).filter(Files::isExecutable).findFirst();
    }

    private static byte[] readAll(InputStream in) {
        try (in; ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String latin1(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
