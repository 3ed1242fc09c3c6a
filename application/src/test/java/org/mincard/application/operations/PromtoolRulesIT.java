package org.mincard.application.operations;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped alert rules are checked and unit-tested by Prometheus's own tool: {@code promtool check rules} (syntax,
 * expressions) and {@code promtool test rules} (every alert fires on the series it is meant for and stays quiet
 * otherwise, deploy/monitoring/alerts.test.yml). {@code .ci/run} installs Debian's {@code prometheus} package when
 * promtool is missing; on a machine without it the test is skipped with that message, and in CI it fails instead.
 */
class PromtoolRulesIT {

    private static final Path MONITORING = Path.of("..", "deploy", "monitoring").toAbsolutePath().normalize();

    @Test
    void alertRulesAreValid() throws Exception {
        assertThat(promtool("check", "rules", "alerts.yml")).contains("SUCCESS");
    }

    @Test
    void everyAlertPassesItsUnitTests() throws Exception {
        assertThat(promtool("test", "rules", "alerts.test.yml")).contains("SUCCESS");
    }

    private static String promtool(String... arguments) throws IOException, InterruptedException {
        boolean present = Files.isExecutable(Path.of("/usr/bin/promtool"));
        if (!present && System.getenv("CI") != null) {
            throw new AssertionError("promtool is missing on CI: .ci/run installs Debian's prometheus package");
        }
        Assumptions.assumeTrue(present, "promtool not installed: run .ci/run (it installs Debian's prometheus)");
        Path output = Files.createTempFile("promtool", ".log");
        try {
            Process process = new ProcessBuilder(concat("/usr/bin/promtool", arguments)).directory(MONITORING.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("promtool finished").isTrue();
            String text = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as("promtool %s:%n%s", String.join(" ", arguments), text).isZero();
            return text;
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static List<String> concat(String command, String... arguments) {
        return Stream.concat(Stream.of(command), Arrays.stream(arguments))
                .toList();
    }
}
