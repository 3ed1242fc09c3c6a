package org.mincard.application.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs Redocly CLI, the OpenAPI linter pinned (with its whole dependency tree and their hashes) by
 * {@code src/test/openapi/package-lock.json}, with the rules of {@code src/test/openapi/redocly.yaml}. It is installed
 * with {@code npm ci} into {@code target/openapi/lint/} once per clean build, from npm's cache in {@code ~/.npm} when
 * it is there (no network then). Needs Debian's {@code nodejs} and {@code npm}, which {@code .ci/run} installs; on a
 * machine without them the lint is skipped with that message, and in CI it fails instead.
 */
public final class RedoclyLinter {

    static final Path SOURCES = Path.of("src", "test", "openapi").toAbsolutePath();
    static final Path WORK = Path.of("target", "openapi").toAbsolutePath();
    private static final Path INSTALL = WORK.resolve("lint");
    private static final Path CLI = INSTALL.resolve(Path.of("node_modules", "@redocly", "cli", "bin", "cli.js"));

    private RedoclyLinter() {
    }

    /** Lints the description in {@code file}; fails with the linter's report when it finds an error. */
    public static String lint(Path file) throws IOException, InterruptedException {
        String node = executable("node");
        install();
        Path report = WORK.resolve(file.getFileName() + ".lint.txt");
        int exit = run(List.of(node, CLI.toString(), "lint", "--config", SOURCES.resolve("redocly.yaml").toString(),
                "--format", "stylish", "--max-problems", "1000", file.toString()), INSTALL, report,
                TimeUnit.MINUTES.toSeconds(3));
        String text = Files.readString(report, StandardCharsets.UTF_8);
        assertThat(exit).as("Redocly lint of %s (config src/test/openapi/redocly.yaml):%n%s", file, text).isZero();
        return text;
    }

    /** Writes an API description (pretty-printed) to {@code target/openapi/<name>} and returns its path. */
    public static Path write(String name, String description) throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode tree = json.readTree(description);
        Files.createDirectories(WORK);
        Path file = WORK.resolve(name);
        json.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), tree);
        return file;
    }

    private static void install() throws IOException, InterruptedException {
        Path lock = SOURCES.resolve("package-lock.json");
        Path installedLock = INSTALL.resolve("package-lock.json");
        if (Files.exists(CLI) && Files.exists(installedLock)
                && Files.mismatch(lock, installedLock) == -1) {
            return;
        }
        Files.createDirectories(INSTALL);
        Files.copy(SOURCES.resolve("package.json"), INSTALL.resolve("package.json"),
                StandardCopyOption.REPLACE_EXISTING);
        Files.copy(lock, installedLock, StandardCopyOption.REPLACE_EXISTING);
        Path log = WORK.resolve("npm-ci.log");
        // --ignore-scripts: no package runs code at install time; --prefer-offline: the cache in ~/.npm first.
        int exit = run(List.of(executable("npm"), "ci", "--prefer-offline", "--ignore-scripts", "--no-audit",
                "--no-fund", "--fetch-retries=5", "--fetch-retry-mintimeout=2000"), INSTALL, log,
                TimeUnit.MINUTES.toSeconds(10));
        assertThat(exit).as("npm ci could not install the pinned OpenAPI linter (src/test/openapi/package-lock.json) "
                + "from the npm registry or the cache in ~/.npm; its log: %s%n%s", log,
                Files.readString(log, StandardCharsets.UTF_8)).isZero();
    }

    private static int run(List<String> command, Path directory, Path output, long timeoutSeconds)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        // Build tools must not phone home: no telemetry, no update check.
        builder.environment().putAll(Map.of("REDOCLY_TELEMETRY", "off", "REDOCLY_SUPPRESS_UPDATE_NOTICE", "true",
                "NO_UPDATE_NOTIFIER", "1", "npm_config_update_notifier", "false"));
        Process process = builder.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in " + timeoutSeconds
                    + " s; its output: " + output);
        }
        return process.exitValue();
    }

    private static String executable(String name) {
        for (String directory : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path candidate = Path.of(directory, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        if (System.getenv("CI") != null) {
            throw new AssertionError(name + " is missing on CI: .ci/run installs Debian's nodejs and npm");
        }
        Assumptions.assumeTrue(false, name + " not installed: run .ci/run (it installs Debian's nodejs and npm)");
        return name;
    }
}
